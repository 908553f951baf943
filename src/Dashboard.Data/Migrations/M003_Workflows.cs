namespace Dashboard.Data.Migrations;

/// <summary>
/// The workflow runtime's state: where each run is (step, attempt, when it may continue), its variables, who
/// started it and why (replays), and one row per executed step attempt. Replays are new runs of the same event and
/// workflow, so the one-run-per-event-and-workflow rule now holds for original runs only.
/// </summary>
internal static class M003_Workflows
{
    public static Migration Migration { get; } = new(3, "workflows", """
        ALTER TABLE runs ADD COLUMN StepIndex INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE runs ADD COLUMN Attempt INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE runs ADD COLUMN NextAttemptAt INTEGER NULL;
        ALTER TABLE runs ADD COLUMN Variables TEXT NULL;
        ALTER TABLE runs ADD COLUMN Initiator TEXT NULL;
        ALTER TABLE runs ADD COLUMN ReplayOf INTEGER NULL;
        ALTER TABLE runs ADD COLUMN Reason TEXT NULL;
        ALTER TABLE runs ADD COLUMN CancelRequested INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE runs ADD COLUMN FailedStep TEXT NULL;
        ALTER TABLE runs ADD COLUMN UpdatedAt INTEGER NULL;

        DROP INDEX IX_runs_Event_Workflow;
        CREATE UNIQUE INDEX IX_runs_Event_Workflow ON runs (EventSeq, WorkflowId) WHERE ReplayOf IS NULL;
        CREATE INDEX IX_runs_State_Next ON runs (State, NextAttemptAt);
        CREATE INDEX IX_runs_Workflow_State_CreatedAt ON runs (WorkflowId, State, CreatedAt);
        CREATE INDEX IX_runs_ReplayOf ON runs (ReplayOf) WHERE ReplayOf IS NOT NULL;

        CREATE TABLE step_results (
            Id INTEGER PRIMARY KEY AUTOINCREMENT,
            RunId INTEGER NOT NULL REFERENCES runs (Id) ON DELETE CASCADE,
            StepIndex INTEGER NOT NULL,
            StepName TEXT NOT NULL,
            StepType TEXT NOT NULL,
            Attempt INTEGER NOT NULL,
            State TEXT NOT NULL,
            Input TEXT NULL,
            Output TEXT NULL,
            Error TEXT NULL,
            Retryable INTEGER NOT NULL DEFAULT 0,
            StartedAt INTEGER NOT NULL,
            FinishedAt INTEGER NULL,
            DurationMs INTEGER NULL,
            IdempotencyKey TEXT NULL
        );
        CREATE INDEX IX_step_results_Run ON step_results (RunId, StepIndex, Attempt);
        CREATE INDEX IX_step_results_IdempotencyKey ON step_results (IdempotencyKey) WHERE IdempotencyKey IS NOT NULL;

        CREATE INDEX IX_activity_Run ON activity (RunId) WHERE RunId IS NOT NULL;
        CREATE INDEX IX_events_CausationId ON events (CausationId) WHERE CausationId IS NOT NULL;
        """);
}
