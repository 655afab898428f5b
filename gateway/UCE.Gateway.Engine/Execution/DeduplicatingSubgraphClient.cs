using System.Collections.Concurrent;

namespace UCE.Gateway.Engine.Execution;

/// <summary>
/// Sends identical query requests that are in flight at the same moment only once and hands every caller the same answer.
/// Mutations always go through on their own.
/// </summary>
public sealed class DeduplicatingSubgraphClient : ISubgraphClient
{
    private readonly ISubgraphClient _inner;
    private readonly ConcurrentDictionary<RequestKey, Task<SubgraphResponse>> _inFlight = new();
    private long _shared;

    public DeduplicatingSubgraphClient(ISubgraphClient inner) => _inner = inner;

    /// <summary>Requests not sent because an identical one was in flight: their callers were handed its answer.</summary>
    public long SharedRequests => Interlocked.Read(ref _shared);

    public Task<SubgraphResponse> SendAsync(SubgraphRequest request, CancellationToken cancellationToken)
    {
        if (request.IsMutation)
        {
            return _inner.SendAsync(request, cancellationToken);
        }

        var key = new RequestKey(request);
        while (true)
        {
            if (_inFlight.TryGetValue(key, out var shared))
            {
                Interlocked.Increment(ref _shared);
                return shared.WaitAsync(cancellationToken);
            }

            var completion = new TaskCompletionSource<SubgraphResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight.TryAdd(key, completion.Task))
            {
                _ = RunSharedAsync(key, request, completion);
                return completion.Task.WaitAsync(cancellationToken);
            }
        }
    }

    private async Task RunSharedAsync(RequestKey key, SubgraphRequest request, TaskCompletionSource<SubgraphResponse> completion)
    {
        try
        {
            // The shared request outlives any one caller's cancellation; the subgraph timeout still bounds it.
            completion.SetResult(await _inner.SendAsync(request, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            completion.SetException(ex);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<RequestKey, Task<SubgraphResponse>>(key, completion.Task));
        }
    }

    /// <summary>Identity of a request: subgraph, URL, body bytes and forwarded headers.</summary>
    private readonly struct RequestKey : IEquatable<RequestKey>
    {
        private readonly SubgraphRequest _request;
        private readonly int _hash;

        public RequestKey(SubgraphRequest request)
        {
            _request = request;
            var hash = new HashCode();
            hash.Add(request.Subgraph);
            hash.AddBytes(request.Body.Span);
            if (request.Headers is not null)
            {
                // Order-independent, like the equality below.
                var headers = 0;
                foreach (var (name, value) in request.Headers)
                {
                    headers ^= HashCode.Combine(name.GetHashCode(StringComparison.OrdinalIgnoreCase), value.GetHashCode(StringComparison.Ordinal));
                }

                hash.Add(headers);
            }

            _hash = hash.ToHashCode();
        }

        public bool Equals(RequestKey other)
        {
            var a = _request;
            var b = other._request;
            return _hash == other._hash
                && a.Subgraph == b.Subgraph
                && a.Url == b.Url
                && a.Body.Span.SequenceEqual(b.Body.Span)
                && HeadersEqual(a.Headers, b.Headers);
        }

        public override bool Equals(object? obj) => obj is RequestKey other && Equals(other);

        public override int GetHashCode() => _hash;

        private static bool HeadersEqual(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
        {
            var countA = a?.Count ?? 0;
            var countB = b?.Count ?? 0;
            if (countA != countB)
            {
                return false;
            }

            if (countA == 0)
            {
                return true;
            }

            foreach (var (name, value) in a!)
            {
                if (!b!.TryGetValue(name, out var other) || other != value)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
