using System.Text;
using Cauce.Core.Errors;

namespace Cauce.Core.Pipelines;

/// <summary>One problem in a configuration file: where it is, which key, what was expected.</summary>
public sealed record ConfigProblem(string File, long Line, long Column, string Key, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Key}: {Message}";
}

/// <summary>
/// Collects every problem found while reading a configuration, so one run reports them all (rather than one
/// per attempt), then throws them together.
/// </summary>
public sealed class ConfigErrors
{
    private readonly List<ConfigProblem> _problems = [];

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public void Add(ConfigProblem problem) => _problems.Add(problem);

    /// <summary>Throws a <see cref="ConfigException"/> holding every problem, if there is any.</summary>
    public void ThrowIfAny(string hint)
    {
        if (_problems.Count > 0)
            throw new ConfigException(_problems, hint);
    }
}

/// <summary>A configuration file (params.yaml, dvc.yaml…) that does not say what it must; every problem is listed.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigProblem> problems, string hint)
    : CauceException(Describe(problems), hint)
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<ConfigProblem> problems)
    {
        if (problems.Count == 1)
            return problems[0].ToString();
        var text = new StringBuilder($"{problems.Count} problems in the configuration:");
        foreach (var problem in problems)
            text.Append("\n  ").Append(problem);
        return text.ToString();
    }
}
