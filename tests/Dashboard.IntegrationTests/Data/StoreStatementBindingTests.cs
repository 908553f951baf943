using Dashboard.Data.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Data;

/// <summary>
/// What the writer stores for each kind of value, on a real SQLite file: statements it binds by position keep the
/// values (and SQLite types) that binding by name gave them, and what it does not bind by position still runs as before.
/// </summary>
public sealed class StoreStatementBindingTests : IAsyncLifetime
{
    private MigratedStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await MigratedStore.CreateAsync();
        _store.Execute("CREATE TABLE binding_probe (Name TEXT NOT NULL, Value BLOB);");
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Execute_PlainValues_StoredWithTheirTypes()
    {
        await WriteAsync(
            Probe("empty", ""), Probe("null", null), Probe("dbnull", DBNull.Value), Probe("true", true), Probe("false", false),
            Probe("int", 42), Probe("long", 1L << 40), Probe("text", "é漢字🙂"), Probe("bytes", new byte[] { 1, 2, 3 }), Probe("nobytes", Array.Empty<byte>()));

        Assert.Equal("text:", Stored("empty"));
        Assert.Equal("null:", Stored("null"));
        Assert.Equal("null:", Stored("dbnull"));
        Assert.Equal("integer:1", Stored("true"));
        Assert.Equal("integer:0", Stored("false"));
        Assert.Equal("integer:42", Stored("int"));
        Assert.Equal($"integer:{1L << 40}", Stored("long"));
        Assert.Equal("text:é漢字🙂", Stored("text"));
        Assert.Equal("blob:010203", Stored("bytes"));
        Assert.Equal("blob:", Stored("nobytes"));
    }

    [Fact]
    public async Task Execute_OtherValueType_StoredAsBindingByNameStoresIt()
    {
        await WriteAsync(Probe("real", 1.5), Probe("guid", Guid.Empty));

        Assert.Equal("real:1.5", Stored("real"));
        Assert.Equal("text:00000000-0000-0000-0000-000000000000", Stored("guid"));
    }

    [Fact]
    public async Task Execute_SeveralStatementsInOneText_AllRun()
    {
        await WriteAsync(new StoreStatement(
            "INSERT INTO binding_probe (Name, Value) VALUES ('first', $a); INSERT INTO binding_probe (Name, Value) VALUES ('second', $b);",
            [new("$a", 1L), new("$b", "two")]));

        Assert.Equal("integer:1", Stored("first"));
        Assert.Equal("text:two", Stored("second"));
    }

    [Fact]
    public async Task Execute_ParameterMissing_RequestFailsAndNothingIsStored()
    {
        var request = WriteRequest.ForStatements([new StoreStatement("INSERT INTO binding_probe (Name, Value) VALUES ($name, $value);", [new("$name", "half")])]);

        await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(request));
        Assert.Equal(0, _store.Scalar("SELECT COUNT(*) FROM binding_probe"));
    }

    [Fact]
    public async Task Execute_UnusedParameter_IgnoredAsBefore()
    {
        await WriteAsync(new StoreStatement("INSERT INTO binding_probe (Name, Value) VALUES ($name, 7);", [new("$name", "extra"), new("$unused", 1L)]));

        Assert.Equal("integer:7", Stored("extra"));
    }

    private static StoreStatement Probe(string name, object? value) =>
        new("INSERT INTO binding_probe (Name, Value) VALUES ($name, $value);", [new("$name", name), new("$value", value)]);

    private async Task WriteAsync(params StoreStatement[] statements) => await RunAsync(WriteRequest.ForStatements(statements));

    private async Task RunAsync(WriteRequest request)
    {
        using var writer = new EventStoreWriter(_store.Connections, Options.Create(new EventStoreOptions()), TimeProvider.System,
            NullLogger<EventStoreWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await writer.EnqueueAsync(request, CancellationToken.None);
            await request.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The stored value as "type:value" (blobs in hex), read by SQLite itself.</summary>
    private string Stored(string name)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_store.Connections.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(Value) || ':' || CASE typeof(Value) WHEN 'blob' THEN hex(Value) ELSE IFNULL(Value, '') END FROM binding_probe WHERE Name = $name;";
        command.Parameters.AddWithValue("$name", name);
        return (string)command.ExecuteScalar()!;
    }
}
