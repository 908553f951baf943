using System.Text;

namespace Dashboard.CloudEvents;

/// <summary>Formats JSON path segments: <c>.name</c> for simple names, <c>['odd name']</c> otherwise.</summary>
internal static class JsonPath
{
    public static string Member(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        AppendMember(builder, name);
        return builder.ToString();
    }

    public static void AppendMember(StringBuilder builder, string name)
    {
        if (IsSimple(name))
        {
            builder.Append('.').Append(name);
            return;
        }

        builder.Append("['");
        foreach (var c in name)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append("']");
    }

    private static bool IsSimple(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
