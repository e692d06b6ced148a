using System.Collections;

namespace Sweep.Domain;

/// <summary>
/// An immutable list with value equality: equal when the items are equal in order, with a hash of
/// the items. Records keep their lists in one (behind a plain IReadOnlyList&lt;T&gt;), so that two
/// values built from equal contents are equal, whatever list instances they were given.
/// </summary>
internal sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    private ValueList(T[] items) => this.items = items;

    /// <summary>The items, copied (a value list is returned as it is: it cannot change).</summary>
    public static ValueList<T> Of(IEnumerable<T> items) => items as ValueList<T> ?? new ValueList<T>(items.ToArray());

    /// <inheritdoc />
    public int Count => items.Length;

    /// <inheritdoc />
    public T this[int index] => items[index];

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal items in the same order (EqualityComparer&lt;T&gt;.Default, so NaN equals NaN as in records).</summary>
    public bool Equals(ValueList<T>? other) => other is not null && items.AsSpan().SequenceEqual(other.items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", items) + "]";
}

/// <summary>An immutable dictionary with value equality: the same keys with equal values, in any order.</summary>
internal sealed class ValueDictionary<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IEquatable<ValueDictionary<TKey, TValue>>
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> entries;

    private ValueDictionary(Dictionary<TKey, TValue> entries) => this.entries = entries;

    /// <summary>The entries, copied (a value dictionary is returned as it is).</summary>
    public static ValueDictionary<TKey, TValue> Of(IEnumerable<KeyValuePair<TKey, TValue>> entries) =>
        entries as ValueDictionary<TKey, TValue> ?? new ValueDictionary<TKey, TValue>(new Dictionary<TKey, TValue>(entries));

    /// <inheritdoc />
    public TValue this[TKey key] => entries[key];

    /// <inheritdoc />
    public IEnumerable<TKey> Keys => entries.Keys;

    /// <inheritdoc />
    public IEnumerable<TValue> Values => entries.Values;

    /// <inheritdoc />
    public int Count => entries.Count;

    /// <inheritdoc />
    public bool ContainsKey(TKey key) => entries.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(TKey key, out TValue value) => entries.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The same keys, each with an equal value.</summary>
    public bool Equals(ValueDictionary<TKey, TValue>? other) =>
        other is not null && Count == other.Count
        && entries.All(entry => other.entries.TryGetValue(entry.Key, out var value) && EqualityComparer<TValue>.Default.Equals(entry.Value, value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueDictionary<TKey, TValue> other && Equals(other);

    /// <summary>Independent of the order of the entries: a sum of the entries' hashes.</summary>
    public override int GetHashCode() =>
        entries.Aggregate(Count, (hash, entry) => unchecked(hash + HashCode.Combine(entry.Key, entry.Value)));

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", entries.Select(entry => $"{entry.Key}: {entry.Value}")) + "}";
}
