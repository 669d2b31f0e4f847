-- Every data set belongs to one project: only calls acting for that project see or change it.
-- Data sets imported before projects existed belong to the local project, 'default'; new rows must
-- name theirs.
ALTER TABLE datasets.datasets ADD COLUMN project text NOT NULL DEFAULT 'default';
ALTER TABLE datasets.datasets ALTER COLUMN project DROP DEFAULT;

-- Request ids are the caller's own idempotency keys: each project has its own, so one project's
-- request id neither replays nor blocks another's import.
ALTER TABLE datasets.import_requests ADD COLUMN project text NOT NULL DEFAULT 'default';
ALTER TABLE datasets.import_requests ALTER COLUMN project DROP DEFAULT;
ALTER TABLE datasets.import_requests DROP CONSTRAINT import_requests_pkey;
ALTER TABLE datasets.import_requests ADD PRIMARY KEY (project, request_id);

-- ListDatasets pages through one project's data sets, newest first.
DROP INDEX datasets.datasets_newest_first;
CREATE INDEX datasets_project_newest_first
    ON datasets.datasets (project, create_time DESC, dataset_id DESC);
