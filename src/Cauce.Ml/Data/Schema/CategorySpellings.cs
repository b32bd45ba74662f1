namespace Cauce.Ml.Data.Schema;

/// <summary>
/// The one spelling each label of a category column is written in. Spellings that differ only in case, accents
/// kept, or in spaces (" Fibra", "FIBRA", "fibra ") are one label; its canonical spelling is a declared value when
/// the dataset lists its values, else the most frequent spelling (ties: the first in ordinal order).
/// </summary>
public sealed class CategorySpellings
{
    private readonly Dictionary<string, string> _canonical;
    private readonly Dictionary<string, string> _byKey;

    private CategorySpellings(Dictionary<string, string> canonical, Dictionary<string, string> byKey, IReadOnlyList<SpellingGroup> variants)
    {
        _canonical = canonical;
        _byKey = byKey;
        Variants = variants;
    }

    /// <summary>Labels written more than one way, with each spelling's count: what EDA shows and prepare fixes.</summary>
    public IReadOnlyList<SpellingGroup> Variants { get; }

    /// <summary>The key spellings are grouped by: lower case, inner runs of spaces made one.</summary>
    public static string Key(ReadOnlySpan<char> value)
    {
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var length = 0;
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && length > 0)
                buffer[length++] = ' ';
            space = false;
            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }

    public static CategorySpellings From(IReadOnlyDictionary<string, long> spellings, IReadOnlyList<string>? declared = null)
    {
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        var variants = new List<SpellingGroup>();
        var declaredByKey = declared?.ToDictionary(v => Key(v), v => v, StringComparer.Ordinal);
        var byKey = new Dictionary<string, string>(declaredByKey ?? [], StringComparer.Ordinal);
        foreach (var group in spellings.GroupBy(s => Key(s.Key), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
            var chosen = declaredByKey is not null && declaredByKey.TryGetValue(group.Key, out var declaredSpelling) ? declaredSpelling : ordered[0].Key;
            foreach (var spelling in ordered)
                canonical[spelling.Key] = chosen;
            byKey[group.Key] = chosen;
            if (ordered.Count > 1 || ordered[0].Key != chosen)
                variants.Add(new SpellingGroup(chosen, [.. ordered.Select(s => new KeyValuePair<string, long>(s.Key, s.Value))]));
        }

        return new CategorySpellings(canonical, byKey, variants);
    }

    /// <summary>The canonical spelling of a trimmed value; a spelling never seen joins its label by key, else stays as written.</summary>
    public string Canonical(ReadOnlySpan<char> trimmed)
    {
        var lookup = _canonical.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(trimmed, out var chosen))
            return chosen;
        return _byKey.TryGetValue(Key(trimmed), out var byKey) ? byKey : trimmed.ToString();
    }
}

/// <summary>One label and the spellings it was written in, most frequent first.</summary>
public sealed record SpellingGroup(string Canonical, IReadOnlyList<KeyValuePair<string, long>> Spellings);
