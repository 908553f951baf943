using System.Text.Json.Nodes;
using Dashboard.Data.Entities;
using Dashboard.Data.Migrations;
using Dashboard.Runtime.Definitions;
using Microsoft.Data.Sqlite;

namespace Dashboard.IntegrationTests.Data;

/// <summary>M013 gives every existing event definition version 1, in the same shape the app writes for later versions.</summary>
public sealed class EventDefinitionVersionsMigrationTests
{
    [Fact]
    public void M013_ExistingDefinition_GetsVersionOneLikeTheAppsSnapshot()
    {
        var path = Path.Combine(Path.GetTempPath(), $"m013-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            foreach (var migration in SchemaMigrator.All.Where(m => m.Version < 13))
            {
                Execute(connection, migration.Sql);
            }

            Execute(connection, """
                INSERT INTO workflow_definitions (Name, Description, Enabled, CurrentVersion, CreatedAt, UpdatedAt) VALUES ('b-flow', '', 1, 1, 1, 1), ('a-flow', '', 1, 1, 1, 1);
                INSERT INTO event_definitions (Key, Description, SourceKind, HttpRoute, HttpMethod, NatsWrapNonCloudEvents, CronMissedFirePolicy, DataSchema,
                                               AuthMode, HmacSecretProtected, Enabled, CreatedAt, UpdatedAt)
                VALUES ('orders.old', 'total > 0', 'Http', 'old', 'POST', 1, 'FireOnce', '{"type":"object"}', 'Hmac', 'protected', 1, 5, 7);
                INSERT INTO workflow_bindings (EventDefinitionId, WorkflowDefinitionId) VALUES (1, 1), (1, 2);
                """);

            Execute(connection, SchemaMigrator.All.Single(m => m.Version == 13).Sql);
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT Version, SnapshotJson, CreatedAt FROM event_definition_versions";
            using var reader = read.ExecuteReader();
            Assert.True(reader.Read());
            var (version, snapshot, createdAt) = (reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2));
            Assert.False(reader.Read());

            var expected = EventDefinitionSnapshot.Create(new EventDefinition
            {
                Key = "orders.old", Description = "total > 0", SourceKind = EventSourceKind.Http, HttpRoute = "old", HttpMethod = "POST",
                NatsWrapNonCloudEvents = true, DataSchema = """{"type":"object"}""", AuthMode = EventAuthMode.Hmac, HmacSecretProtected = "protected", Enabled = true,
            }, ["b-flow", "a-flow"]);
            Assert.Equal(1, version);
            Assert.Equal(7, createdAt);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(snapshot)), $"{expected}\n{snapshot}");
            Assert.DoesNotContain("protected", snapshot, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
