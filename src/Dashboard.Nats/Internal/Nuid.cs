using System.Security.Cryptography;

namespace Dashboard.Nats.Internal;

internal static class Nuid
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Next() => RandomNumberGenerator.GetString(Alphabet, 22);
}
