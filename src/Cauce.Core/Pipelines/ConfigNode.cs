using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Cauce.Core.Pipelines;

/// <summary>
/// A node of a YAML configuration with its dotted key path and position, whose typed getters record a problem
/// (file, line, column, key, what was expected) instead of throwing, so that every mistake is reported at once.
/// Unknown keys are problems too, with the closest known key suggested.
/// </summary>
public sealed class ConfigNode
{
    private readonly ConfigErrors _errors;

    internal ConfigNode(string file, string key, YamlNode node, ConfigErrors errors)
    {
        File = file;
        Key = key;
        Node = node;
        _errors = errors;
    }

    public string File { get; }

    /// <summary>The dotted path of this node: <c>datasets.clientes.split</c>.</summary>
    public string Key { get; }

    public YamlNode Node { get; }

    public ConfigErrors Errors => _errors;

    public bool IsMapping => Node is YamlMappingNode;

    /// <summary>Records a problem at this node.</summary>
    public void Problem(string message) =>
        _errors.Add(new ConfigProblem(File, Node.Start.Line, Node.Start.Column, Key, message));

    /// <summary>The child under <paramref name="key"/>, or null when absent (or null in YAML).</summary>
    public ConfigNode? Child(string key)
    {
        if (Node is not YamlMappingNode mapping)
            return null;
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: var name } && name == key)
                return IsNull(v) ? null : new ConfigNode(File, Join(key), v, _errors);
        }

        return null;
    }

    /// <summary>The entries of a mapping in file order; records a problem when this is not a mapping.</summary>
    public IReadOnlyList<(string Key, ConfigNode Value)> Entries()
    {
        if (Node is not YamlMappingNode mapping)
        {
            if (!IsNull(Node))
                Problem("expected a mapping of keys to values");
            return [];
        }

        var entries = new List<(string, ConfigNode)>();
        foreach (var (k, v) in mapping.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            entries.Add((name, new ConfigNode(File, Join(name), v, _errors)));
        }

        return entries;
    }

    /// <summary>Records each key of this mapping that is not in <paramref name="known"/>, suggesting the nearest.</summary>
    public void AllowOnly(params string[] known)
    {
        if (Node is not YamlMappingNode mapping)
            return;
        foreach (var (k, _) in mapping.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (known.Contains(name, StringComparer.Ordinal))
                continue;
            var nearest = known.OrderBy(c => Distance(c, name)).FirstOrDefault();
            var guess = nearest is not null && Distance(nearest, name) <= Math.Max(2, name.Length / 3) ? $" (did you mean '{nearest}'?)" : "";
            _errors.Add(new ConfigProblem(File, k.Start.Line, k.Start.Column, Join(name), $"unknown key{guess}; the keys here are: {string.Join(", ", known)}"));
        }
    }

    public string? Scalar => Node is YamlScalarNode scalar && !IsNull(Node) ? scalar.Value : null;

    public string? String(string key, bool required = false)
    {
        var child = Child(key);
        if (child is null)
        {
            if (required)
                Problem($"the key '{key}' is required");
            return null;
        }

        if (child.Node is not YamlScalarNode scalar)
        {
            child.Problem("expected a single value");
            return null;
        }

        return scalar.Value;
    }

    public double? Number(string key, double? min = null, double? max = null)
    {
        var child = Child(key);
        return child?.AsNumber(min, max);
    }

    public double? AsNumber(double? min = null, double? max = null)
    {
        var text = Scalar;
        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Problem($"expected a number, got {Describe()}");
            return null;
        }

        if ((min is { } low && value < low) || (max is { } high && value > high))
        {
            Problem($"expected a number {Range(min, max)}, got {text}");
            return null;
        }

        return value;
    }

    public long? Integer(string key, long? min = null, long? max = null)
    {
        var child = Child(key);
        if (child is null)
            return null;
        var text = child.Scalar;
        if (text is null || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            child.Problem($"expected a whole number, got {child.Describe()}");
            return null;
        }

        if ((min is { } low && value < low) || (max is { } high && value > high))
        {
            child.Problem($"expected a whole number {Range(min, max)}, got {text}");
            return null;
        }

        return value;
    }

    public bool? Boolean(string key)
    {
        var child = Child(key);
        if (child is null)
            return null;
        switch (child.Scalar?.ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "y":
                return true;
            case "false" or "no" or "off" or "n":
                return false;
            default:
                child.Problem($"expected true or false, got {child.Describe()}");
                return null;
        }
    }

    /// <summary>A value that must be one of <paramref name="choices"/>.</summary>
    public string? Choice(string key, params string[] choices)
    {
        var value = String(key);
        if (value is not null && !choices.Contains(value, StringComparer.Ordinal))
        {
            Child(key)!.Problem($"expected one of {string.Join(", ", choices)}, got '{value}'");
            return null;
        }

        return value;
    }

    /// <summary>A list of single values; a lone value counts as a list of one.</summary>
    public IReadOnlyList<string> StringList(string key)
    {
        var child = Child(key);
        if (child is null)
            return [];
        if (child.Node is YamlScalarNode { Value: { } single })
            return [single];
        if (child.Node is not YamlSequenceNode sequence)
        {
            child.Problem("expected a list of values");
            return [];
        }

        var items = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } value } && !IsNull(item))
                items.Add(value);
            else
                _errors.Add(new ConfigProblem(File, item.Start.Line, item.Start.Column, child.Key, "expected single values in the list"));
        }

        return items;
    }

    /// <summary>How the value reads in a message: quoted text, or what kind of node it is.</summary>
    public string Describe() => Node switch
    {
        YamlScalarNode scalar when !IsNull(scalar) => $"'{scalar.Value}'",
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "nothing",
    };

    private string Join(string child) => Key.Length == 0 ? child : $"{Key}.{child}";

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain };

    private static string Range(double? min, double? max) => (min, max) switch
    {
        ({ } low, { } high) => string.Create(CultureInfo.InvariantCulture, $"from {low} to {high}"),
        ({ } low, null) => string.Create(CultureInfo.InvariantCulture, $"of at least {low}"),
        (null, { } high) => string.Create(CultureInfo.InvariantCulture, $"of at most {high}"),
        _ => "",
    };

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
