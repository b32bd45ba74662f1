using Cauce.Ml.Data.Preparation;

namespace Cauce.Ml.Data.Splitting;

/// <summary>How many rows of one class went to each side.</summary>
public sealed record ClassBalance(string Label, long Train, long Test);

/// <summary>The target's mean and spread on each side of a regression split.</summary>
public sealed record TargetSpread(double TrainMean, double TrainStd, double TestMean, double TestStd);

/// <summary>What <c>cauce split</c> did: the method, the sizes, and the class balance (or target spread) of both sides.</summary>
public sealed record SplitReport
{
    public required string Dataset { get; init; }

    public required string Input { get; init; }

    /// <summary><c>stratified</c>, <c>random</c> or <c>time</c>.</summary>
    public required string Method { get; init; }

    public required double TestSize { get; init; }

    public required ulong Seed { get; init; }

    public required string Target { get; init; }

    public string? TimeColumn { get; init; }

    /// <summary>For a time split: the first date that went to test.</summary>
    public string? Cutoff { get; init; }

    public required FileSummary Train { get; init; }

    public required FileSummary Test { get; init; }

    public IReadOnlyList<ClassBalance> Balance { get; init; } = [];

    public TargetSpread? Spread { get; init; }

    /// <summary>Classes too small to put a row on both sides (they went to train).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
