namespace UCE.Gateway.Engine.Execution;

/// <summary>A thread-safe least-recently-used cache holding at most a fixed number of entries.</summary>
public sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _entries;
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _recency = new();
    private readonly Lock _sync = new();

    public BoundedCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(comparer);
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Hits since creation (for tests and metrics).</summary>
    public long Hits { get; private set; }

    /// <summary>Misses since creation.</summary>
    public long Misses { get; private set; }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node != _recency.First)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                }

                Hits++;
                value = node.Value.Value;
                return true;
            }

            Misses++;
            value = default!;
            return false;
        }
    }

    public void Set(TKey key, TValue value)
    {
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
                _entries.Remove(key);
            }

            var node = _recency.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
            _entries[key] = node;
            if (_entries.Count > _capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
        }
    }
}
