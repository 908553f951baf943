namespace Dashboard.Data.Migrations;

/// <summary>
/// Event definitions get a version history like workflows: one immutable JSON snapshot per save. Existing definitions
/// start at version 1, built here with the same property names the app writes (the HMAC secret is never included).
/// </summary>
internal static class M013_EventDefinitionVersions
{
    public static Migration Migration { get; } = new(13, "event definition versions", """
        CREATE TABLE event_definition_versions (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            EventDefinitionId INTEGER NOT NULL REFERENCES event_definitions (Id) ON DELETE CASCADE,
            Version INTEGER NOT NULL,
            SnapshotJson TEXT NOT NULL,
            CreatedBy TEXT NULL,
            CreatedAt INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IX_event_definition_versions_Definition_Version ON event_definition_versions (EventDefinitionId, Version);

        INSERT INTO event_definition_versions (EventDefinitionId, Version, SnapshotJson, CreatedBy, CreatedAt)
        SELECT e.Id, 1, json_object(
                   'key', e.Key, 'description', e.Description, 'enabled', json(CASE WHEN e.Enabled THEN 'true' ELSE 'false' END),
                   'sourceKind', e.SourceKind, 'httpRoute', e.HttpRoute, 'httpMethod', e.HttpMethod,
                   'natsSubject', e.NatsSubject, 'natsStream', e.NatsStream,
                   'natsWrapNonCloudEvents', json(CASE WHEN e.NatsWrapNonCloudEvents THEN 'true' ELSE 'false' END),
                   'cronExpression', e.CronExpression, 'timeZone', e.TimeZone, 'cronMissedFirePolicy', e.CronMissedFirePolicy,
                   'typeFilter', e.TypeFilter,
                   'dataSchema', CASE WHEN json_valid(e.DataSchema) THEN json(e.DataSchema) ELSE e.DataSchema END,
                   'authMode', e.AuthMode, 'hmacSecretSet', json(CASE WHEN e.HmacSecretProtected IS NULL THEN 'false' ELSE 'true' END),
                   'workflows', (SELECT json_group_array(Name) FROM (SELECT w.Name FROM workflow_bindings b
                                 JOIN workflow_definitions w ON w.Id = b.WorkflowDefinitionId WHERE b.EventDefinitionId = e.Id ORDER BY w.Name))),
               NULL, e.UpdatedAt
        FROM event_definitions e;
        """);
}
