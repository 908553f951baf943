using System.Text.Json;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>The payload of a run-queue message on JetStream: <c>{"seq": n}</c>, the stored event's sequence number.</summary>
public static class RunMessagePayload
{
    /// <summary>Reads <c>{"seq": n}</c>.</summary>
    public static bool TryReadSeq(ReadOnlySpan<byte> payload, out long seq)
    {
        seq = 0;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSeq = reader.ValueTextEquals("seq"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isSeq)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out seq) && seq > 0;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
