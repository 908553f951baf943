using System.Security.Cryptography;
using System.Text;
using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>A worker asks the owner for a sync event's stored answer, by the event's CloudEvents identity.</summary>
public sealed record SyncLookupRequest(string Source, string Id);

/// <summary>The owner's answer: the finished run's answer, or null while the event is not stored or its run goes on.</summary>
public sealed record SyncLookupReply(SyncRunFinished? Finished);

/// <summary>Subjects of sync answers between the owner and workers (core NATS).</summary>
public static class SyncSubjects
{
    public static string Lookup(string controlPrefix) => $"{controlPrefix}.sync.lookup";

    /// <summary>Where the owner publishes the answer of the sync event (source, id): keyed by a SHA-256 of its identity.</summary>
    public static string Answer(string controlPrefix, string source, string id) =>
        $"{controlPrefix}.sync.answer.{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{id}")))}";
}
