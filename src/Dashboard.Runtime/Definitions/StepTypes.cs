namespace Dashboard.Runtime.Definitions;

/// <summary>The step types a workflow may use, with the description the editor shows.</summary>
public static class StepTypes
{
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>
    {
        ["log"] = "Write a message (a template) to the run's log.",
        ["set"] = "Assign variables from templates.",
        ["transform"] = "Build a JSON object from a template over the event, variables and earlier step outputs.",
        ["http"] = "Call an HTTP endpoint and capture the response.",
        ["publish"] = "Emit a new CloudEvent into the runtime.",
        ["delay"] = "Wait durably for a duration; survives restarts.",
        ["condition"] = "Evaluate an expression: continue, skip to a step, or end.",
        ["fail"] = "End the run as failed with a message (and the status a sync caller gets, default 502).",
        ["respond"] = "End the run with the response a sync caller gets: a status and a body template.",
    };

    public static bool IsKnown(string type) => Descriptions.ContainsKey(type);
}
