namespace Dashboard.Data.Migrations;

/// <summary>
/// Drops the time indexes of the two tables whose key already grows in arrival order: <c>events.Seq</c> and
/// <c>activity.Id</c>. Reads by time translate their bounds to key bounds (<see cref="Events.ArrivalOrder"/>), so every
/// stored event and activity entry costs one B-tree entry less.
/// </summary>
internal static class M018_DropArrivalTimeIndexes
{
    public static Migration Migration { get; } = new(18, "drop arrival time indexes", """
        DROP INDEX IF EXISTS IX_events_ReceivedAt;
        DROP INDEX IF EXISTS IX_activity_At;
        """);
}
