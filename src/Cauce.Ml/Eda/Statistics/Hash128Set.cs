namespace Cauce.Ml.Eda.Statistics;

/// <summary>
/// A set of 128-bit hashes in one flat array (open addressing, linear probing, at most half full): 32 bytes per
/// member and one memory access per lookup, about twice as fast as <see cref="HashSet{T}"/> on a million rows.
/// The hashes are already uniform, so their low bits pick the slot.
/// </summary>
internal sealed class Hash128Set
{
    private UInt128[] _slots;
    private int _mask;

    public Hash128Set(int expected)
    {
        var size = 16;
        while (size < expected * 2L && size < (1 << 30))
            size <<= 1;
        _slots = new UInt128[size];
        _mask = size - 1;
    }

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="hash"/>; false when it was there already.</summary>
    public bool Add(UInt128 hash)
    {
        if (hash == UInt128.Zero)
            hash = UInt128.One; // zero marks an empty slot; merging the two values costs nothing measurable
        var i = (int)(ulong)hash & _mask;
        while (true)
        {
            var slot = _slots[i];
            if (slot == UInt128.Zero)
                break;
            if (slot == hash)
                return false;
            i = (i + 1) & _mask;
        }

        _slots[i] = hash;
        if (++Count * 2 > _slots.Length)
            Grow();
        return true;
    }

    public bool Contains(UInt128 hash)
    {
        if (hash == UInt128.Zero)
            hash = UInt128.One;
        var i = (int)(ulong)hash & _mask;
        while (true)
        {
            var slot = _slots[i];
            if (slot == UInt128.Zero)
                return false;
            if (slot == hash)
                return true;
            i = (i + 1) & _mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new UInt128[old.Length * 2];
        _mask = _slots.Length - 1;
        foreach (var hash in old)
        {
            if (hash == UInt128.Zero)
                continue;
            var i = (int)(ulong)hash & _mask;
            while (_slots[i] != UInt128.Zero)
                i = (i + 1) & _mask;
            _slots[i] = hash;
        }
    }
}
