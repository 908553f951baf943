using System.Globalization;
using Dashboard.Data.Events;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Data;

/// <summary>Time bounds turned into key bounds on a real SQLite file whose times run slightly out of key order and whose keys have gaps.</summary>
public sealed class ArrivalOrderTests : IDisposable
{
    private const long Start = 1_700_000_000_000;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"arrival-{Guid.NewGuid():N}.db");
    private readonly SqliteConnection _connection;

    public ArrivalOrderTests()
    {
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        Execute("CREATE TABLE t (Id INTEGER PRIMARY KEY, At INTEGER NOT NULL);");
        Execute("BEGIN;");
        for (var id = 1; id <= 5_000; id++)
        {
            if (id is >= 1_000 and < 1_500)
            {
                continue;
            }

            // A row's time is taken before it commits: up to 3 s ahead of or behind its neighbours in key order.
            Execute($"INSERT INTO t (Id, At) VALUES ({id}, {Start + (id * 1_000L) + ((id * 7919 % 7) - 3) * 1_000});");
        }

        Execute("COMMIT;");
    }

    [Theory]
    [InlineData(-10_000_000L)]
    [InlineData(0L)]
    [InlineData(1_200_000L)]
    [InlineData(2_500_500L)]
    [InlineData(4_999_000L)]
    [InlineData(10_000_000L)]
    public void KeyBounds_TimesOutOfKeyOrderAndGaps_SelectExactlyTheRowsInTheTimeRange(long offset)
    {
        var time = Start + offset;

        Assert.Equal(Count($"At >= {time}"), Count($"Id >= {ArrivalOrder.LowerKey("t", "Id", "At", time.ToString(CultureInfo.InvariantCulture))} AND At >= {time}"));
        Assert.Equal(Count($"At < {time}"), Count($"Id < {ArrivalOrder.UpperKey("t", "Id", "At", time.ToString(CultureInfo.InvariantCulture))} AND At < {time}"));
    }

    [Fact]
    public void LowerKey_TimeInTheMiddle_SkipsTheRowsBeforeTheSlack()
    {
        var time = Start + 4_000_000;
        var bound = Scalar($"SELECT {ArrivalOrder.LowerKey("t", "Id", "At", time.ToString(CultureInfo.InvariantCulture))}");

        var slackRows = (long)ArrivalOrder.Slack.TotalSeconds;
        Assert.InRange(bound, 4_000 - slackRows - 10, 4_000 - slackRows + 10);
    }

    [Fact]
    public void LowerKey_EmptyTable_IsZero()
    {
        Execute("CREATE TABLE empty (Id INTEGER PRIMARY KEY, At INTEGER NOT NULL);");

        Assert.Equal(0, Scalar($"SELECT {ArrivalOrder.LowerKey("empty", "Id", "At", "5")}"));
    }

    public void Dispose()
    {
        _connection.Dispose();
        File.Delete(_path);
    }

    private long Count(string where) => Scalar($"SELECT COUNT(*) FROM t WHERE {where}");

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
