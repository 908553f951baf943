using System.Text.Json;
using Dashboard.Data.Events;

namespace Dashboard.Web.Features.Events;

/// <summary>
/// The routing trace of a stored event: the one the pipeline recorded with its ledger row, or for rows written before
/// traces were recorded, one inferred from its ledger rows, routing decision and runs.
/// </summary>
public static class RoutingTrace
{
    public static IReadOnlyList<TraceStep> Build(EventDetailData data)
    {
        var e = data.Event;
        var accepted = data.Ledger.FirstOrDefault(l => l.EventSeq == e.Seq);
        if (accepted?.TraceJson is { } recorded)
        {
            return IngestionTrace.Parse(recorded);
        }

        var steps = new List<TraceStep>
        {
            new("received", TraceResult.Info,
                $"{(accepted?.At ?? e.ReceivedAt):yyyy-MM-dd HH:mm:ss.fff} UTC on {accepted?.Route ?? "?"}{(accepted?.RemoteAddress is { } ip ? $" from {ip}" : "")}"),
            new("mode", TraceResult.Info, $"{e.ContentMode} content mode"),
            Auth(data, accepted),
            new("schema", data.HasSchema ? TraceResult.Passed : TraceResult.Skipped,
                data.HasSchema ? $"data valid against the schema of '{e.DefinitionKey}'" : "the definition has no data schema"),
            Dedupe(data),
        };

        foreach (var route in Routes(accepted?.RoutingJson))
        {
            steps.Add(route);
        }

        steps.Add(data.Runs.Count == 0
            ? new TraceStep("runs", TraceResult.Skipped, "no runs were started")
            : new TraceStep("runs", TraceResult.Passed, string.Join(", ", data.Runs.Select(r => $"run {r.Id} of {r.WorkflowName ?? $"workflow {r.WorkflowId}"} v{r.WorkflowVersion}: {r.State}"))));
        return steps;
    }

    private static TraceStep Auth(EventDetailData data, LedgerView? accepted)
    {
        if (data.Event.Initiator is { } initiator)
        {
            return new("auth", TraceResult.Passed, $"sent by {initiator} (signed in or internal)");
        }

        return data.AuthMode switch
        {
            "Token" => new("auth", TraceResult.Passed, $"token {(data.TokenName is { } name ? $"'{name}'" : accepted?.TokenId is { } id ? $"#{id}" : "")} accepted"),
            "Hmac" => new("auth", TraceResult.Passed, "HMAC signature verified"),
            "Public" => new("auth", TraceResult.Skipped, "public definition: no credentials required"),
            _ => new("auth", TraceResult.Info, "authorized"),
        };
    }

    private static TraceStep Dedupe(EventDetailData data)
    {
        var duplicates = data.Ledger.Count(l => l.Outcome == "Duplicate");
        return new("dedupe", TraceResult.Passed, duplicates == 0
            ? "first event with this source and id"
            : $"first event with this source and id; {duplicates} later cop{(duplicates == 1 ? "y was" : "ies were")} answered as duplicate");
    }

    private static IEnumerable<TraceStep> Routes(string? routingJson)
    {
        if (string.IsNullOrEmpty(routingJson))
        {
            yield return new TraceStep("workflows", TraceResult.Skipped, "no routing recorded");
            yield break;
        }

        using var document = JsonDocument.Parse(routingJson);
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
        {
            yield return new TraceStep("workflows", TraceResult.Skipped, "no workflow is bound to this definition");
            yield break;
        }

        foreach (var route in document.RootElement.EnumerateArray())
        {
            var name = route.TryGetProperty("workflow", out var w) ? w.GetString() : "?";
            var matched = route.TryGetProperty("matched", out var m) && m.ValueKind == JsonValueKind.True;
            var reason = route.TryGetProperty("reason", out var r) ? r.GetString() : null;
            var version = route.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? $" v{v.GetInt32()}" : "";
            yield return matched
                ? new TraceStep("workflow", TraceResult.Passed, $"{name}{version}: matched")
                : new TraceStep("workflow", TraceResult.Skipped, $"{name}: not matched ({reason ?? "no reason recorded"})");
        }
    }
}
