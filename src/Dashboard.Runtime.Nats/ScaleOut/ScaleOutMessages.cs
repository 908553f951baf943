using System.Security.Cryptography;
using System.Text;
using Dashboard.Data.Entities;
using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>A write a worker accepted or rejected, sent to the owner on the ingest stream; the owner stores it unchanged.</summary>
public sealed record ForwardedWrite(IReadOnlyList<NewEvent> Events, LedgerRow Ledger, IReadOnlyList<ActivityRow> Activity, TokenUse? TokenUse)
{
    public static ForwardedWrite From(WriteRequest request) => new(request.Events, request.LedgerTemplate, request.Activity, request.TokenUse);

    public WriteRequest ToRequest() => new(Events, Ledger, Activity, TokenUse);

    /// <summary>The <c>Nats-Msg-Id</c> of an accepted write: a SHA-256 over its events' (source, id), so a resend within the window is a duplicate.</summary>
    public static string MessageId(IReadOnlyList<NewEvent> events)
    {
        var identity = new StringBuilder();
        foreach (var e in events)
        {
            identity.Append(e.Source).Append('\n').Append(e.Id).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())));
    }
}

/// <summary>The owner's reply on <c>&lt;control&gt;.catalog</c>: the definitions ingestion needs and the tokens (hashes only).</summary>
public sealed record CatalogSnapshot(IReadOnlyList<CatalogDefinition> Definitions, IReadOnlyList<ApiToken> Tokens);

/// <summary>Subjects of the scale-out traffic.</summary>
public static class ScaleOutSubjects
{
    public static string IngestAccepted(string prefix) => $"{prefix}.accepted";

    public static string IngestRejected(string prefix) => $"{prefix}.rejected";

    public static string Catalog(string controlPrefix) => $"{controlPrefix}.catalog";

    public static string CatalogChanged(string controlPrefix) => $"{controlPrefix}.changed";

    public static string Heartbeat(string controlPrefix) => $"{controlPrefix}.heartbeat";
}
