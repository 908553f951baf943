using System.Net;

namespace Dashboard.Benchmarks.Load;

/// <summary>One pooled client per load run: HTTP/1.1 keep-alive, up to <c>connections</c> sockets to the loopback target.</summary>
public static class HttpClients
{
    public static HttpMessageInvoker Create(int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        }, disposeHandler: true);
}
