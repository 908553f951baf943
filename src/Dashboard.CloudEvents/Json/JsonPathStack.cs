using System.Text;

namespace Dashboard.CloudEvents;

/// <summary>The location of the reader as JSON path segments; turned into a string only for an error.</summary>
internal sealed class JsonPathStack(NameStore store)
{
    private const int InvalidName = -2;
    private readonly List<(NameRef Name, int Index)> _segments = [];

    public void PushName(NameRef name) => _segments.Add((name, -1));

    public void PushInvalidName() => _segments.Add((default, InvalidName));

    public void PushIndex(int index) => _segments.Add((default, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public void Reset() => _segments.Clear();

    public override string ToString()
    {
        var builder = new StringBuilder("$");
        foreach (var (name, index) in _segments)
        {
            if (index >= 0)
            {
                builder.Append('[').Append(index).Append(']');
            }
            else if (index == InvalidName)
            {
                builder.Append("[?]");
            }
            else
            {
                JsonPath.AppendMember(builder, Encoding.UTF8.GetString(store.Resolve(name)));
            }
        }

        return builder.ToString();
    }
}
