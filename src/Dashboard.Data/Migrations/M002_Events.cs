namespace Dashboard.Data.Migrations;

/// <summary>The runtime's tables: stored events, the ingestion ledger, workflow activity and queued runs.</summary>
internal static class M002_Events
{
    public static Migration Migration { get; } = new(2, "events", """
        CREATE TABLE events (
            Seq INTEGER PRIMARY KEY AUTOINCREMENT,
            Id TEXT NOT NULL,
            Source TEXT NOT NULL,
            Type TEXT NOT NULL,
            Subject TEXT NULL,
            Time INTEGER NULL,
            DataContentType TEXT NULL,
            DataSchema TEXT NULL,
            Extensions TEXT NULL,
            Data BLOB NULL,
            DataIsJson INTEGER NOT NULL DEFAULT 0,
            DefinitionId INTEGER NULL,
            ContentMode TEXT NOT NULL,
            Initiator TEXT NULL,
            CausationId TEXT NULL,
            ReceivedAt INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IX_events_Source_Id ON events (Source, Id);
        CREATE INDEX IX_events_ReceivedAt ON events (ReceivedAt);
        CREATE INDEX IX_events_Definition_ReceivedAt ON events (DefinitionId, ReceivedAt);
        CREATE INDEX IX_events_Type ON events (Type);

        CREATE TABLE ingestion_ledger (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            At INTEGER NOT NULL,
            RemoteAddress TEXT NULL,
            Route TEXT NULL,
            ContentMode TEXT NULL,
            Outcome TEXT NOT NULL,
            Status INTEGER NOT NULL,
            Reason TEXT NULL,
            DefinitionId INTEGER NULL,
            TokenId INTEGER NULL,
            EventId TEXT NULL,
            EventSource TEXT NULL,
            EventType TEXT NULL,
            EventSeq INTEGER NULL,
            Routing TEXT NULL
        );
        CREATE INDEX IX_ingestion_ledger_At ON ingestion_ledger (At);
        CREATE INDEX IX_ingestion_ledger_EventSeq ON ingestion_ledger (EventSeq);
        CREATE INDEX IX_ingestion_ledger_Source_Id ON ingestion_ledger (EventSource, EventId);

        CREATE TABLE activity (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            At INTEGER NOT NULL,
            WorkflowId INTEGER NULL,
            Kind TEXT NOT NULL,
            Message TEXT NOT NULL,
            Actor TEXT NULL,
            EventSeq INTEGER NULL,
            RunId INTEGER NULL,
            LedgerId INTEGER NULL,
            RemoteAddress TEXT NULL,
            TokenId INTEGER NULL
        );
        CREATE INDEX IX_activity_Workflow_At ON activity (WorkflowId, At);
        CREATE INDEX IX_activity_At ON activity (At);

        CREATE TABLE runs (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            WorkflowId INTEGER NOT NULL,
            WorkflowVersion INTEGER NOT NULL,
            EventSeq INTEGER NOT NULL,
            State TEXT NOT NULL,
            CreatedAt INTEGER NOT NULL,
            StartedAt INTEGER NULL,
            FinishedAt INTEGER NULL,
            Error TEXT NULL
        );
        CREATE UNIQUE INDEX IX_runs_Event_Workflow ON runs (EventSeq, WorkflowId);
        CREATE INDEX IX_runs_Workflow_CreatedAt ON runs (WorkflowId, CreatedAt);
        CREATE INDEX IX_runs_State ON runs (State);
        """);
}
