using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>Turns a typed <see cref="RunChange"/> back into the very statement a local run writes.</summary>
public static class RunChangeStatements
{
    public static SqlStatement ToStatement(this RunChange change) => change switch
    {
        StepResultChange c => RunStatements.StepResult(
            c.RunId, c.Index, c.Name, c.Type, c.Attempt, c.State, c.Input, c.Output, c.Error, c.Retryable, c.StartedAt, c.FinishedAt, c.IdempotencyKey),
        ProgressChange c => RunStatements.Progress(c.RunId, c.StepIndex, c.Attempt, c.Variables, c.State, c.NextAttemptAt, c.Now),
        FinishChange c => RunStatements.Finish(c.RunId, c.State, c.Error, c.FailedStep, c.Now, c.ResponseStatus, c.Response),
        StartedChange c => RunStatements.Started(c.RunId, c.Now, c.ExecutedBy),
        ActivityChange c => RunStatements.Activity(c.At, c.WorkflowId, c.Kind, c.Message, c.Actor, c.EventSeq, c.RunId),
        FinishActivityChange c => RunStatements.FinishActivity(c.At, c.WorkflowId, c.Kind, c.Message, c.Actor, c.EventSeq, c.RunId),
        RequeueChange c => RunStatements.Requeue(c.RunId, c.NextAttemptAt, c.Now),
        CompletedChange c => RunStatements.Completed(c.RunId, c.StepIndex, c.Variables, c.Now, c.StartedAt, c.ExecutedBy, c.ResponseStatus, c.Response),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "Unknown run change."),
    };
}
