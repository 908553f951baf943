namespace Dashboard.Data.Events;

/// <summary>
/// A <see cref="StoreStatement"/>'s SQL prepared once, its named parameters bound by the positions learned on first use.
/// Binds nothing and declines (false) when a value has a type it does not bind or a parameter the SQL expects is
/// missing, so the caller runs the statement the usual way and it fails, or succeeds, exactly as before.
/// </summary>
internal sealed class PositionalStatement(RawStatement statement) : IDisposable
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    public bool TryExecute(IReadOnlyList<KeyValuePair<string, object?>> parameters)
    {
        var bound = 0;
        foreach (var (name, value) in parameters)
        {
            var position = PositionOf(name);
            if (position == 0)
            {
                // Microsoft.Data.Sqlite ignores a parameter the SQL does not name.
                continue;
            }

            if (!statement.TryBind(position, value))
            {
                statement.Clear();
                return false;
            }

            bound++;
        }

        if (bound != statement.ParameterCount)
        {
            statement.Clear();
            return false;
        }

        statement.Execute();
        return true;
    }

    private int PositionOf(string name)
    {
        if (!_positions.TryGetValue(name, out var position))
        {
            position = statement.IndexOf(name);
            _positions[name] = position;
        }

        return position;
    }

    public void Dispose() => statement.Dispose();
}
