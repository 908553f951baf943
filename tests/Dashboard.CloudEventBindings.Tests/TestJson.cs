using System.Text;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings.Tests;

internal static class TestJson
{
    public const string Required = "\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/orders\",\"type\":\"order.created\"";

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>An event object with the required attributes plus <paramref name="members"/> (JSON members text).</summary>
    public static byte[] Event(string members = "") => Bytes("{" + Required + (members.Length > 0 ? "," + members : "") + "}");

    public static CloudEventDecodeResult Parse(
        string members, IEnumerable<CloudEventAttribute>? extensionAttributes = null, StrictJsonEventFormatter? formatter = null) =>
        (formatter ?? StrictJsonEventFormatter.Default).DecodeStructured(Event(members), extensionAttributes);

    public static CloudEventError SingleError(CloudEventDecodeResult result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }
}
