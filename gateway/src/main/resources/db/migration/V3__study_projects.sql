-- The project a study belongs to (the creating caller's token's project claim). Studies stored
-- before projects existed belong to project 'default', the local stack's project.
ALTER TABLE gateway.studies ADD COLUMN project text NOT NULL DEFAULT 'default';

CREATE INDEX studies_project_newest ON gateway.studies (project, create_time DESC, name DESC);
