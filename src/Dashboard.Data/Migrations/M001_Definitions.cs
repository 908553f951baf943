namespace Dashboard.Data.Migrations;

internal static class M001_Definitions
{
    public static Migration Migration { get; } = new(1, "definitions", """
        CREATE TABLE event_definitions (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            Key TEXT NOT NULL,
            Description TEXT NOT NULL DEFAULT '',
            SourceKind TEXT NOT NULL,
            HttpRoute TEXT NULL,
            HttpMethod TEXT NOT NULL DEFAULT 'POST',
            NatsSubject TEXT NULL,
            CronExpression TEXT NULL,
            TimeZone TEXT NULL,
            TypeFilter TEXT NULL,
            DataSchema TEXT NULL,
            AuthMode TEXT NOT NULL,
            HmacSecretProtected TEXT NULL,
            Enabled INTEGER NOT NULL DEFAULT 1,
            CreatedAt INTEGER NOT NULL,
            UpdatedAt INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IX_event_definitions_Key ON event_definitions (Key);

        CREATE TABLE workflow_definitions (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            Name TEXT NOT NULL,
            Description TEXT NOT NULL DEFAULT '',
            Enabled INTEGER NOT NULL DEFAULT 1,
            CurrentVersion INTEGER NOT NULL,
            CreatedAt INTEGER NOT NULL,
            UpdatedAt INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IX_workflow_definitions_Name ON workflow_definitions (Name);

        CREATE TABLE workflow_versions (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            WorkflowDefinitionId INTEGER NOT NULL REFERENCES workflow_definitions (Id) ON DELETE CASCADE,
            Version INTEGER NOT NULL,
            StepsJson TEXT NOT NULL,
            CreatedBy TEXT NULL,
            CreatedAt INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IX_workflow_versions_Workflow_Version ON workflow_versions (WorkflowDefinitionId, Version);

        CREATE TABLE workflow_bindings (
            EventDefinitionId INTEGER NOT NULL REFERENCES event_definitions (Id) ON DELETE CASCADE,
            WorkflowDefinitionId INTEGER NOT NULL REFERENCES workflow_definitions (Id) ON DELETE CASCADE,
            PRIMARY KEY (EventDefinitionId, WorkflowDefinitionId)
        );
        CREATE INDEX IX_workflow_bindings_Workflow ON workflow_bindings (WorkflowDefinitionId);

        CREATE TABLE users (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            UserName TEXT NOT NULL COLLATE NOCASE,
            PasswordHash TEXT NOT NULL,
            Role TEXT NOT NULL,
            FailedSignIns INTEGER NOT NULL DEFAULT 0,
            LockedUntil INTEGER NULL,
            CreatedAt INTEGER NOT NULL,
            LastSignInAt INTEGER NULL
        );
        CREATE UNIQUE INDEX IX_users_UserName ON users (UserName);

        CREATE TABLE api_tokens (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            Name TEXT NOT NULL,
            TokenHash TEXT NOT NULL,
            Prefix TEXT NOT NULL,
            Role TEXT NOT NULL,
            ScopeKind TEXT NOT NULL,
            ScopeTargetId INTEGER NULL,
            ExpiresAt INTEGER NULL,
            RevokedAt INTEGER NULL,
            LastUsedAt INTEGER NULL,
            FailureCount INTEGER NOT NULL DEFAULT 0,
            CreatedBy TEXT NULL,
            CreatedAt INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IX_api_tokens_TokenHash ON api_tokens (TokenHash);

        CREATE TABLE audit_entries (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            At INTEGER NOT NULL,
            Actor TEXT NOT NULL,
            Action TEXT NOT NULL,
            Target TEXT NULL,
            Details TEXT NULL
        );
        CREATE INDEX IX_audit_entries_At ON audit_entries (At);
        """);
}
