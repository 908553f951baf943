using System.Text;
using Dashboard.CloudEventBindings;
using Dashboard.Data.Events;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// Records the routing trace of one request as the pipeline runs, straight into its stored form (a compact JSON
/// fragment, see <see cref="IngestionTrace"/>): one builder per request and one string per step's detail.
/// </summary>
public sealed class IngestionTraceBuilder
{
    /// <summary>Problems listed one step each, at most; the rest are counted in one more step.</summary>
    public const int MaxProblemSteps = 20;

    private readonly StringBuilder _json = new("[", 512);

    public IngestionTraceBuilder(IngestionRequest request)
    {
        var transport = request.TrustedInitiator is not null && request.DefinitionId is not null ? "internal"
            : request.Transport switch { IngestionTransport.Nats => "NATS", IngestionTransport.Amqp => "AMQP", _ => "HTTP " + request.Method };
        var from = request.TrustedInitiator is { } initiator ? " by " + initiator
            : request.RemoteAddress is { } remote ? " from " + remote : "";
        Add("received", TraceResult.Info, $"{transport} on {request.LedgerRoute}{from}");
    }

    /// <summary>How many steps were recorded.</summary>
    public int StepCount { get; private set; }

    public void Add(string stage, TraceResult result, string detail)
    {
        IngestionTrace.Append(_json, stage, result, detail);
        StepCount++;
    }

    public void AddAuth(IngestionAuthorizer.Decision decision) =>
        Add("auth", decision.Allowed ? TraceResult.Passed : TraceResult.Failed, decision.Summary);

    /// <summary>The schema step of each definition the request's events go to.</summary>
    public void AddSchemaPassed(DefinitionCatalog.Definition[] definitions)
    {
        for (var i = 0; i < definitions.Length; i++)
        {
            if (i == 0 || definitions[i] != definitions[i - 1])
            {
                var definition = definitions[i];
                if (definition.Schema is null)
                {
                    Add("schema", TraceResult.Skipped, $"definition '{definition.Key}' has no data schema");
                }
                else
                {
                    Add("schema", TraceResult.Passed, $"data valid against the schema of '{definition.Key}'");
                }
            }
        }
    }

    /// <summary>Each problem as a failed step of <paramref name="stage"/>, with its JSON path or header.</summary>
    public void AddProblems(string stage, IReadOnlyList<IngestionError> errors)
    {
        for (var i = 0; i < errors.Count && i < MaxProblemSteps; i++)
        {
            Add(stage, TraceResult.Failed, $"{errors[i].Path}: {errors[i].Message}");
        }

        if (errors.Count > MaxProblemSteps)
        {
            Add(stage, TraceResult.Failed, $"{errors.Count - MaxProblemSteps} more problem(s) not listed");
        }
    }

    /// <summary>
    /// The content mode as the request announces it (Content-Type and ce- headers), known before the body is read.
    /// Returns it as the ledger names modes (<see cref="CloudEventDecodeResult.ModeName"/>), or null when none is announced, so a
    /// request refused before its body is decoded still records its mode.
    /// </summary>
    public string? AddMode(IngestionRequest request)
    {
        var essence = CloudEventMediaTypes.Essence(request.ContentType);
        var mode = essence.Equals(CloudEventMediaTypes.Structured, StringComparison.OrdinalIgnoreCase) ? "Structured"
            : essence.Equals(CloudEventMediaTypes.Batch, StringComparison.OrdinalIgnoreCase) ? "Batch"
            : HasBinaryHeaders(request) ? "Binary"
            : null;
        var name = mode?.ToLowerInvariant();
        Add("mode", TraceResult.Info, name is null
            ? $"no CloudEvents content mode announced (Content-Type '{request.ContentType}', no ce- headers)"
            : $"{name} content mode ({(mode == "Binary" ? "ce- headers" : "Content-Type " + request.ContentType)})");
        return mode;
    }

    /// <summary>The fragment so far (no closing bracket): the writer adds de-duplication and routing.</summary>
    public string Head() => _json.ToString();

    /// <summary>The complete trace of a request that ends here (a rejection).</summary>
    public string Complete() => _json.Append(']').ToString();

    private static bool HasBinaryHeaders(IngestionRequest request)
    {
        foreach (var (name, _) in request.Headers)
        {
            if (name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("cloudEvents", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
