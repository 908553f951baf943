using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>How stored events are named on JetStream: the subject per definition and the de-duplication id.</summary>
public static class EventSubjects
{
    /// <summary><c>&lt;prefix&gt;.&lt;key&gt;</c>, with characters NATS does not allow in a token replaced by '_'.</summary>
    public static string For(string prefix, string definitionKey)
    {
        var tokens = definitionKey.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(token => string.Create(token.Length, token, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    var c = source[i];
                    span[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_';
                }
            }));
        var key = string.Join('.', tokens);
        return $"{prefix}.{(key.Length == 0 ? "_" : key)}";
    }

    /// <summary>The <c>Nats-Msg-Id</c> of an event: a SHA-256 of its CloudEvents identity (source, id), hex encoded.</summary>
    public static string MessageId(string source, string id)
    {
        var bytes = Encoding.UTF8.GetBytes($"{source}\n{id}");
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
