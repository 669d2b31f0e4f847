{{/* The chart name. */}}
{{- define "medxfer.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release-qualified name of a component: <release>-<component>. */}}
{{- define "medxfer.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every object carries. */}}
{{- define "medxfer.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "medxfer.selectorLabels" . }}
{{- end -}}

{{/* Labels that select a component's pods. */}}
{{- define "medxfer.selectorLabels" -}}
app.kubernetes.io/name: {{ include "medxfer.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The image of a component. */}}
{{- define "medxfer.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .repository (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{/* Environment every service gets: Kafka, object store and database, secrets from Secrets. */}}
{{- define "medxfer.commonEnv" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ .root.Values.kafka.bootstrapServers | quote }}
- name: MEDXFER_OBJECT_STORE_ENDPOINT
  value: {{ .root.Values.objectStore.endpoint | quote }}
- name: MEDXFER_OBJECT_STORE_BUCKET
  value: {{ .root.Values.objectStore.bucket | quote }}
- name: MEDXFER_OBJECT_STORE_ACCESS_KEY
  valueFrom:
    secretKeyRef: {name: {{ .root.Values.objectStore.existingSecret }}, key: accessKey}
- name: MEDXFER_OBJECT_STORE_SECRET_KEY
  valueFrom:
    secretKeyRef: {name: {{ .root.Values.objectStore.existingSecret }}, key: secretKey}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ .root.Values.postgres.jdbcUrl | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef: {name: {{ .root.Values.postgres.existingSecret }}, key: username}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ .root.Values.postgres.existingSecret }}, key: password}
- name: QUARKUS_HTTP_PORT
  value: {{ .values.port | quote }}
- name: QUARKUS_GRPC_CLIENTS_DATASETS_HOST
  value: {{ printf "%s-dataset-service" .root.Release.Name }}
- name: QUARKUS_GRPC_CLIENTS_DATASETS_PORT
  value: {{ .root.Values.datasetService.port | quote }}
{{- end -}}

{{/*
A service's Deployment. Arguments: root (the chart context), component (its name), values (its block of
values), repository (its image), grpc (true when it serves gRPC, so the probes use the gRPC health check),
and optionally extraEnv, gpu, nodeSelector and tolerations.
*/}}
{{- define "medxfer.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "medxfer.fullname" . }}
  labels:
    {{- include "medxfer.labels" . | nindent 4 }}
spec:
  replicas: {{ .values.replicas }}
  selector:
    matchLabels:
      {{- include "medxfer.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "medxfer.labels" . | nindent 8 }}
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 185
        seccompProfile: {type: RuntimeDefault}
      {{- with .nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "medxfer.image" . }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          ports:
            - name: grpc-http
              containerPort: {{ .values.port }}
          env:
            {{- include "medxfer.commonEnv" . | nindent 12 }}
            {{- with .extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: false
            capabilities: {drop: [ALL]}
          readinessProbe:
            {{- if .grpc }}
            grpc: {port: {{ .values.port }}}
            {{- else }}
            httpGet: {path: /q/health/ready, port: grpc-http}
            {{- end }}
            periodSeconds: 5
          livenessProbe:
            httpGet: {path: /q/health/live, port: grpc-http}
            initialDelaySeconds: 20
            periodSeconds: 10
          {{- $resources := deepCopy .values.resources }}
          {{- if and .gpu .gpu.enabled }}
          {{- /* GPUs are requested as limits, as the NVIDIA device plugin requires. */}}
          {{- $_ := set $resources "limits" (merge (dict "nvidia.com/gpu" .gpu.count) (default (dict) $resources.limits)) }}
          {{- end }}
          resources:
            {{- toYaml $resources | nindent 12 }}
{{- end -}}

{{/* A service's ClusterIP Service. */}}
{{- define "medxfer.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "medxfer.fullname" . }}
  labels:
    {{- include "medxfer.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "medxfer.selectorLabels" . | nindent 4 }}
  ports:
    - name: grpc
      port: {{ .values.port }}
      targetPort: grpc-http
      appProtocol: grpc
{{- end -}}
