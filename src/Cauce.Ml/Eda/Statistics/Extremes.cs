namespace Cauce.Ml.Eda.Statistics;

/// <summary>
/// The smallest and largest values, how often each occurs, and the next distinct value inward: enough to tell a
/// sentinel such as -1 or 999 standing apart from the rest.
/// </summary>
internal struct Extremes
{
    public Extremes()
    {
    }

    public double Min { get; private set; } = double.PositiveInfinity;

    public long MinCount { get; private set; }

    /// <summary>The second smallest distinct value, or +∞ when there is none.</summary>
    public double NextAboveMin { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public long MaxCount { get; private set; }

    /// <summary>The second largest distinct value, or −∞ when there is none.</summary>
    public double NextBelowMax { get; private set; } = double.NegativeInfinity;

    public void Add(double value)
    {
        if (value < Min)
        {
            NextAboveMin = Min;
            Min = value;
            MinCount = 1;
        }
        else if (value == Min)
        {
            MinCount++;
        }
        else if (value < NextAboveMin)
        {
            NextAboveMin = value;
        }

        if (value > Max)
        {
            NextBelowMax = Max;
            Max = value;
            MaxCount = 1;
        }
        else if (value == Max)
        {
            MaxCount++;
        }
        else if (value > NextBelowMax)
        {
            NextBelowMax = value;
        }
    }
}
