using System.Text.Json;
using Dashboard.Runtime.Workflows.Store;

namespace Dashboard.Runtime.ScaleOut;

/// <summary>The owner's own statements about workers' runs (written locally, never sent).</summary>
public static class ScaleOutStatements
{
    public static SqlStatement ClaimedBy(IReadOnlyList<long> runIds, string instance) => SqlStatement.Of(
        "UPDATE runs SET ExecutedBy = $by WHERE Id IN (SELECT value FROM json_each($ids));",
        ("$by", instance), ("$ids", JsonSerializer.Serialize(runIds)));
}
