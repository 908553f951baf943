using Dashboard.Runtime.Contracts;
using Microsoft.Data.Sqlite;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>The one query shape that loads <see cref="RunRecord"/>s: a run with its workflow version and its event.</summary>
internal static class RunRecordReader
{
    /// <summary>Append a <c>WHERE</c> clause over <c>r</c>.</summary>
    public const string Select = $"""
        SELECT r.Id, r.WorkflowId, COALESCE(w.Name, 'workflow-' || r.WorkflowId), r.WorkflowVersion, v.StepsJson, r.EventSeq, r.StepIndex,
               r.Attempt, r.Variables, COALESCE(r.Initiator, e.Initiator), r.CancelRequested, r.StartedAt, {EventJson.Columns}, e.DefinitionId
        FROM runs r
        LEFT JOIN workflow_definitions w ON w.Id = r.WorkflowId
        LEFT JOIN workflow_versions v ON v.WorkflowDefinitionId = r.WorkflowId AND v.Version = r.WorkflowVersion
        LEFT JOIN events e ON e.Seq = r.EventSeq
        """;

    public static RunRecord Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetInt64(5), reader.GetInt32(6), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt64(10) != 0,
        reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
        EventJson.Read(reader, 12))
    {
        DefinitionId = reader.IsDBNull(22) ? null : reader.GetInt64(22),
    };
}
