using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Workflows.Store;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>A run the writer stored claimed in its event's commit: its id and what the committed write says about it.</summary>
internal sealed record StoredRun(long RunId, NewEvent Event, long EventSeq, QueuedRun Run)
{
    /// <summary>
    /// The record a load would read (<see cref="RunRecordReader"/>), built from the stored event and the catalog's
    /// workflow, executed by this instance (as <see cref="LocalRunStorage"/> loads it); null when the catalog no longer has that workflow version with its steps (the run is then loaded).
    /// </summary>
    public RunRecord? ToRecord(DefinitionCatalog.Snapshot catalog, string executedBy)
    {
        if (Event.DefinitionId is not { } definitionId || catalog.ById(definitionId) is not { } definition)
        {
            return null;
        }

        if (definition.WorkflowWithSteps(Run.WorkflowId, Run.WorkflowVersion) is not { StepsJson: { } steps } workflow)
        {
            return null;
        }

        return new RunRecord(RunId, workflow.Id, workflow.Name, workflow.Version, steps, EventSeq, StepIndex: 0, Attempt: 1, Variables: null,
            Event.Initiator, CancelRequested: false, StartedAt: null, EventJson.FromStored(Event, EventSeq))
        {
            DefinitionId = definitionId,
            ExecutedBy = executedBy,
        };
    }
}
