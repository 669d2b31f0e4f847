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
app.kubernetes.io/part-of: medxfer
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

{{/* Where the services find Kafka: the in-chart broker or the external one. */}}
{{- define "medxfer.kafkaBootstrapServers" -}}
{{- if .Values.kafka.deploy -}}
{{- printf "%s-kafka:9092" .Release.Name -}}
{{- else -}}
{{- .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* The S3 API URL: the in-chart MinIO or the external store. */}}
{{- define "medxfer.objectStoreEndpoint" -}}
{{- if .Values.objectStore.deploy -}}
{{- printf "http://%s-minio:9000" .Release.Name -}}
{{- else -}}
{{- .Values.objectStore.endpoint -}}
{{- end -}}
{{- end -}}

{{/* The JDBC URL: the in-chart PostgreSQL or the external database. */}}
{{- define "medxfer.jdbcUrl" -}}
{{- if .Values.postgres.deploy -}}
{{- printf "jdbc:postgresql://%s-postgres:5432/medxfer" .Release.Name -}}
{{- else -}}
{{- .Values.postgres.jdbcUrl -}}
{{- end -}}
{{- end -}}

{{/* Where the TLS Secret is mounted in every service container. */}}
{{- define "medxfer.tlsDir" -}}/etc/medxfer/tls{{- end -}}

{{/*
A gRPC client of a service (Quarkus's quarkus.grpc.clients.<client>) aimed at another component of the
release, over TLS trusting the release's CA when tls.enabled. Arguments: root, client, component, port.
*/}}
{{- define "medxfer.grpcClientEnv" -}}
{{- $prefix := printf "QUARKUS_GRPC_CLIENTS_%s" (upper .client) }}
- name: {{ $prefix }}_HOST
  value: {{ include "medxfer.fullname" . }}
- name: {{ $prefix }}_PORT
  value: {{ .port | quote }}
{{- if .root.Values.tls.enabled }}
- name: {{ $prefix }}_PLAIN_TEXT
  value: "false"
- name: {{ $prefix }}_SSL_TRUST_STORE
  value: {{ printf "%s/ca.crt" (include "medxfer.tlsDir" .root) }}
{{- end }}
{{- end -}}

{{/*
Environment of a service. Arguments: root, values, and uses (a list of kafka, objectStore, postgres,
datasets, evaluation, auth, signsServiceTokens, verifiesServiceTokens: what the service talks to, whose
tokens it verifies, and whether it signs service tokens). Secrets come only from existing Secrets.
*/}}
{{- define "medxfer.serviceEnv" -}}
{{- $root := .root -}}
- name: QUARKUS_HTTP_PORT
  value: {{ .values.port | quote }}
{{- if has "kafka" .uses }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "medxfer.kafkaBootstrapServers" $root | quote }}
{{- end }}
{{- if has "objectStore" .uses }}
- name: MEDXFER_OBJECT_STORE_ENDPOINT
  value: {{ include "medxfer.objectStoreEndpoint" $root | quote }}
- name: MEDXFER_OBJECT_STORE_BUCKET
  value: {{ $root.Values.objectStore.bucket | quote }}
- name: MEDXFER_OBJECT_STORE_ACCESS_KEY
  valueFrom:
    secretKeyRef: {name: {{ $root.Values.objectStore.existingSecret }}, key: accessKey}
- name: MEDXFER_OBJECT_STORE_SECRET_KEY
  valueFrom:
    secretKeyRef: {name: {{ $root.Values.objectStore.existingSecret }}, key: secretKey}
{{- end }}
{{- if has "postgres" .uses }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ include "medxfer.jdbcUrl" $root | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef: {name: {{ $root.Values.postgres.existingSecret }}, key: username}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $root.Values.postgres.existingSecret }}, key: password}
{{- end }}
{{- if has "auth" .uses }}
- name: MEDXFER_AUTH_PUBLIC_KEY
  valueFrom:
    secretKeyRef: {name: {{ $root.Values.auth.existingSecret }}, key: publicKey}
{{- end }}
{{- if has "signsServiceTokens" .uses }}
- name: MEDXFER_AUTH_INTERNAL_PRIVATE_KEY
  valueFrom:
    secretKeyRef: {name: {{ $root.Values.auth.internal.existingSecret }}, key: privateKey}
{{- end }}
{{- if has "verifiesServiceTokens" .uses }}
- name: MEDXFER_AUTH_INTERNAL_PUBLIC_KEY
  valueFrom:
    secretKeyRef: {name: {{ $root.Values.auth.internal.existingSecret }}, key: publicKey}
{{- end }}
{{- if has "datasets" .uses }}
{{- include "medxfer.grpcClientEnv" (dict "root" $root "client" "datasets" "component" "dataset-service" "port" $root.Values.datasetService.port) }}
{{- end }}
{{- if has "evaluation" .uses }}
{{- include "medxfer.grpcClientEnv" (dict "root" $root "client" "evaluation" "component" "evaluator-service" "port" $root.Values.evaluatorService.port) }}
{{- end }}
{{- if $root.Values.tls.enabled }}
{{- /* One port, TLS only: gRPC rides on the HTTP server. (The TLS registry's indexed PEM keys cannot be
set from environment variables alone, so the HTTP server's own certificate keys are used.) */}}
- name: QUARKUS_HTTP_SSL_CERTIFICATE_FILES
  value: {{ printf "%s/tls.crt" (include "medxfer.tlsDir" $root) }}
- name: QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES
  value: {{ printf "%s/tls.key" (include "medxfer.tlsDir" $root) }}
- name: QUARKUS_HTTP_SSL_PORT
  value: {{ .values.port | quote }}
- name: QUARKUS_HTTP_INSECURE_REQUESTS
  value: disabled
{{- end }}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: {{ not $root.Values.tracing.enabled | quote }}
{{- if $root.Values.tracing.enabled }}
- name: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $root.Values.tracing.endpoint | quote }}
- name: QUARKUS_OTEL_TRACES_SAMPLER
  value: parentbased_traceidratio
- name: QUARKUS_OTEL_TRACES_SAMPLER_ARG
  value: {{ $root.Values.tracing.samplerRatio | quote }}
{{- end }}
- name: QUARKUS_LOG_CONSOLE_JSON_ENABLED
  value: {{ $root.Values.logging.json | quote }}
- name: QUARKUS_LOG_LEVEL
  value: {{ $root.Values.logging.level | quote }}
{{- end -}}

{{/*
A probe of a service: the kubelet's gRPC health check when the port is plaintext; with TLS, which the
kubelet's gRPC probe cannot speak, the HTTPS health endpoint on the same port.
*/}}
{{- define "medxfer.probe" -}}
{{- if .root.Values.tls.enabled }}
httpGet: {path: {{ printf "/q/health/%s" .kind }}, port: grpc, scheme: HTTPS}
{{- else }}
grpc: {port: {{ .values.port }}}
{{- end }}
{{- end -}}

{{/* The restricted Pod Security Standard, for every pod of the release. */}}
{{- define "medxfer.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid | default 185 }}
runAsGroup: {{ .uid | default 185 }}
fsGroup: {{ .uid | default 185 }}
seccompProfile: {type: RuntimeDefault}
{{- end -}}

{{- define "medxfer.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities: {drop: [ALL]}
{{- end -}}

{{/*
A service's Deployment. Arguments: root (the chart context), component (its name), values (its block of
values), repository (its image), uses (what it talks to, see medxfer.serviceEnv), and optionally
extraEnv, gpu, nodeSelector, tolerations and autoscaled (the replica count belongs to an autoscaler).
*/}}
{{- define "medxfer.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "medxfer.fullname" . }}
  labels:
    {{- include "medxfer.labels" . | nindent 4 }}
spec:
  {{- if not .autoscaled }}
  replicas: {{ .values.replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "medxfer.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "medxfer.labels" . | nindent 8 }}
      {{- if .root.Values.metrics.enabled }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ .values.port | quote }}
        prometheus.io/path: /q/metrics
        prometheus.io/scheme: {{ ternary "https" "http" .root.Values.tls.enabled }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "medxfer.fullname" . }}
      automountServiceAccountToken: false
      securityContext:
        {{- include "medxfer.podSecurityContext" (dict) | nindent 8 }}
      {{- with .root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
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
            - name: grpc
              containerPort: {{ .values.port }}
          env:
            {{- include "medxfer.serviceEnv" . | nindent 12 }}
            {{- with .extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          securityContext:
            {{- include "medxfer.containerSecurityContext" . | nindent 12 }}
          startupProbe:
            {{- include "medxfer.probe" (dict "root" .root "values" .values "kind" "started") | nindent 12 }}
            periodSeconds: 5
            failureThreshold: 36
          readinessProbe:
            {{- include "medxfer.probe" (dict "root" .root "values" .values "kind" "ready") | nindent 12 }}
            periodSeconds: 5
          livenessProbe:
            {{- include "medxfer.probe" (dict "root" .root "values" .values "kind" "live") | nindent 12 }}
            periodSeconds: 10
            failureThreshold: 6
          {{- $resources := deepCopy .values.resources }}
          {{- if and .gpu .gpu.enabled }}
          {{- /* GPUs are requested as limits, as the NVIDIA device plugin requires. */}}
          {{- $_ := set $resources "limits" (merge (dict "nvidia.com/gpu" .gpu.count) (default (dict) $resources.limits)) }}
          {{- end }}
          resources:
            {{- toYaml $resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if .root.Values.tls.enabled }}
            - name: tls
              mountPath: {{ include "medxfer.tlsDir" .root }}
              readOnly: true
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ .values.tmpSize | default "1Gi" }}
        {{- if .root.Values.tls.enabled }}
        - name: tls
          secret:
            secretName: {{ .root.Values.tls.existingSecret }}
        {{- end }}
{{- end -}}

{{/* A service's ClusterIP Service. Arguments: root, component, values, and optionally type. */}}
{{- define "medxfer.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "medxfer.fullname" . }}
  labels:
    {{- include "medxfer.labels" . | nindent 4 }}
spec:
  type: {{ .type | default "ClusterIP" }}
  selector:
    {{- include "medxfer.selectorLabels" . | nindent 4 }}
  ports:
    - name: grpc
      port: {{ .values.port }}
      targetPort: grpc
      appProtocol: grpc
{{- end -}}

{{/* A component's ServiceAccount: no API token, since no medxfer service calls the Kubernetes API. */}}
{{- define "medxfer.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "medxfer.fullname" . }}
  labels:
    {{- include "medxfer.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}

{{/* A component's PodDisruptionBudget. */}}
{{- define "medxfer.podDisruptionBudget" -}}
{{- if .root.Values.podDisruptionBudget.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "medxfer.fullname" . }}
  labels:
    {{- include "medxfer.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .root.Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "medxfer.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/*
A component's NetworkPolicy: ingress on its port from the given peers only. Arguments: root, component,
port, and who may connect: public (anyone: the gateway), releasePods (every pod of the release) or
fromComponent (the pods of one component of the release); metrics scrapers from networkPolicy.metricsFrom
are added where scraped, and extraFrom to one. With no peer at all no ingress is admitted (the kubelet's
probes come from the node, which network policies always admit).
*/}}
{{- define "medxfer.networkPolicy" -}}
{{- if .root.Values.networkPolicy.enabled }}
{{- $peers := list }}
{{- if .releasePods }}
{{- $peers = append $peers (dict "podSelector" (dict "matchLabels" (dict "app.kubernetes.io/instance" .root.Release.Name "app.kubernetes.io/part-of" "medxfer"))) }}
{{- end }}
{{- with .fromComponent }}
{{- $peers = append $peers (dict "podSelector" (dict "matchLabels" (include "medxfer.selectorLabels" (dict "root" $.root "component" .) | fromYaml))) }}
{{- end }}
{{- if .scraped }}
{{- $peers = concat $peers .root.Values.networkPolicy.metricsFrom }}
{{- end }}
{{- $peers = concat $peers (default (list) .extraFrom) }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "medxfer.fullname" . }}
  labels:
    {{- include "medxfer.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "medxfer.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress]
  {{- if or .public $peers }}
  ingress:
    - ports:
        - port: {{ .port }}
          protocol: TCP
      {{- if not .public }}
      from:
        {{- toYaml $peers | nindent 8 }}
      {{- end }}
  {{- else }}
  ingress: []
  {{- end }}
{{- end }}
{{- end -}}

{{/* How trainers scale: "keda", "hpa", or "" when autoscaling is off. */}}
{{- define "medxfer.trainerAutoscaler" -}}
{{- $a := .Values.trainer.autoscaling -}}
{{- if $a.enabled -}}
{{- if eq $a.mode "auto" -}}
{{- ternary "keda" "hpa" (.Capabilities.APIVersions.Has "keda.sh/v1alpha1/ScaledObject") -}}
{{- else -}}
{{- $a.mode -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
A single-node dependency for evaluation clusters (Kafka, MinIO, PostgreSQL) as a StatefulSet with one
volume. Arguments: root, component, values (its block: image, storage, resources), port, uid (the user the
image runs as), dataPath, env, args and probe (a tcpSocket or exec probe body).
*/}}
{{- define "medxfer.dependencyStatefulSet" -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ include "medxfer.fullname" . }}
  labels:
    {{- include "medxfer.labels" . | nindent 4 }}
spec:
  serviceName: {{ include "medxfer.fullname" . }}
  replicas: 1
  selector:
    matchLabels:
      {{- include "medxfer.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "medxfer.labels" . | nindent 8 }}
    spec:
      automountServiceAccountToken: false
      securityContext:
        {{- include "medxfer.podSecurityContext" (dict "uid" .uid) | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ .values.image }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          {{- with .args }}
          args:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - name: main
              containerPort: {{ .port }}
          env:
            {{- toYaml .env | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            # These images write their generated configuration into the image's own folders.
            readOnlyRootFilesystem: false
            capabilities: {drop: [ALL]}
          readinessProbe:
            {{- toYaml .probe | nindent 12 }}
            periodSeconds: 5
          livenessProbe:
            {{- toYaml .probe | nindent 12 }}
            initialDelaySeconds: 30
            periodSeconds: 10
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          volumeMounts:
            - name: data
              mountPath: {{ .dataPath }}
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: {{ .values.storage }}
{{- end -}}

{{/* The Service of an in-chart dependency. */}}
{{- define "medxfer.dependencyService" -}}
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
    - name: main
      port: {{ .port }}
      targetPort: main
{{- end -}}
