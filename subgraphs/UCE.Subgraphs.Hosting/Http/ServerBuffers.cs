using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UCE.Subgraphs.Hosting.Http;

/// <summary>
/// Where Kestrel takes the buffers its connections write into. By default it rents 4 KiB blocks from a pool of arrays pinned
/// in the pinned object heap and, since .NET 10, gives idle blocks back to the runtime after about ten seconds. A server
/// holding thousands of idle WebSockets then pays for a fresh pinned allocation per connection when one event goes to all
/// of them at once: pinned allocations take the runtime's slow, locked path, and in a fan-out to 10,000 connections they
/// were the largest cost measured (see <c>bench/README.md</c>, "Subscriptions"). The shared array pool hands out ordinary
/// arrays instead (cached per thread and per core, allocated in the young generation when the caches are empty), which
/// the socket layer pins only for the moment a send is pending.
/// </summary>
public static class ServerBuffers
{
    /// <summary>Makes Kestrel (and anything else that asks the host for a memory pool) use <see cref="MemoryPool{T}.Shared"/>.</summary>
    public static IServiceCollection UseSharedArrayPoolForServerBuffers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton<IMemoryPoolFactory<byte>>(SharedArrayPoolFactory.Instance));
        return services;
    }

    /// <summary>The shared array pool for every pool asked for; disposing it (as Kestrel does on shutdown) does nothing.</summary>
    internal sealed class SharedArrayPoolFactory : IMemoryPoolFactory<byte>
    {
        public static SharedArrayPoolFactory Instance { get; } = new();

        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => MemoryPool<byte>.Shared;
    }
}
