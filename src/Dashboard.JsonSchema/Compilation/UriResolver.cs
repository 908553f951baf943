using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.JsonSchema.Compilation;

/// <summary>RFC 3986 reference resolution that also works for URNs and other non-hierarchical URIs.</summary>
internal static partial class UriResolver
{
    public static string Resolve(string baseUri, string reference)
    {
        var r = Split(reference);
        if (r.Scheme is not null)
        {
            return Join(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        }

        var b = Split(baseUri);
        if (r.Authority is not null)
        {
            return Join(b.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        }

        if (r.Path.Length == 0)
        {
            return Join(b.Scheme, b.Authority, b.Path, r.Query ?? b.Query, r.Fragment);
        }

        var path = r.Path.StartsWith('/') ? r.Path : Merge(b, r.Path);
        return Join(b.Scheme, b.Authority, RemoveDotSegments(path), r.Query, r.Fragment);
    }

    /// <summary>Splits an absolute reference into the URI without fragment and the (still encoded) fragment.</summary>
    public static (string Uri, string Fragment) SplitFragment(string uri)
    {
        var hash = uri.IndexOf('#');
        return hash < 0 ? (uri, string.Empty) : (uri[..hash], uri[(hash + 1)..]);
    }

    private static string Merge(UriParts b, string path)
    {
        if (b.Authority is not null && b.Path.Length == 0)
        {
            return "/" + path;
        }

        var slash = b.Path.LastIndexOf('/');
        return slash < 0 ? path : b.Path[..(slash + 1)] + path;
    }

    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.'))
        {
            return path;
        }

        var input = path;
        var output = new List<string>();
        var absolute = input.StartsWith('/');
        var segments = input.Split('/');
        for (var i = absolute ? 1 : 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == ".")
            {
                if (last)
                {
                    output.Add(string.Empty);
                }
            }
            else if (segment == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }

                if (last)
                {
                    output.Add(string.Empty);
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        return (absolute ? "/" : string.Empty) + string.Join('/', output);
    }

    private static string Join(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var builder = new StringBuilder();
        if (scheme is not null)
        {
            builder.Append(scheme).Append(':');
        }

        if (authority is not null)
        {
            builder.Append("//").Append(authority);
        }

        builder.Append(path);
        if (query is not null)
        {
            builder.Append('?').Append(query);
        }

        if (fragment is not null)
        {
            builder.Append('#').Append(fragment);
        }

        return builder.ToString();
    }

    private static UriParts Split(string uri)
    {
        var m = UriPattern().Match(uri);
        string? Group(int i) => m.Groups[i].Success ? m.Groups[i].Value : null;
        return new UriParts(Group(1), Group(2), m.Groups[3].Value, Group(4), Group(5));
    }

    [GeneratedRegex(@"^(?:([A-Za-z][A-Za-z0-9+.\-]*):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$", RegexOptions.Singleline)]
    private static partial Regex UriPattern();

    private readonly record struct UriParts(string? Scheme, string? Authority, string Path, string? Query, string? Fragment);
}
