-- Every data set belongs to one project: only calls acting for that project see or change it.
-- Data sets imported before projects existed belong to the local project, 'default'; new rows must
-- name theirs.
ALTER TABLE datasets.datasets ADD COLUMN project text NOT NULL DEFAULT 'default';
ALTER TABLE datasets.datasets ALTER COLUMN project DROP DEFAULT;

-- ListDatasets pages through one project's data sets, newest first.
DROP INDEX datasets.datasets_newest_first;
CREATE INDEX datasets_project_newest_first
    ON datasets.datasets (project, create_time DESC, dataset_id DESC);
