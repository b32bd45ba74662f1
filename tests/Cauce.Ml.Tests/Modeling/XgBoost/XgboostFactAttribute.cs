using Cauce.Ml.Modeling.XgBoost;

namespace Cauce.Ml.Tests.Modeling.XgBoost;

/// <summary>A test that needs the XGBoost native library: skipped, saying how to install it, where it is missing.</summary>
public sealed class XgboostFactAttribute : FactAttribute
{
    public const string NotInstalled = "libxgboost0 is not installed: apt-get install libxgboost0";

    public XgboostFactAttribute()
    {
        if (!XgbBooster.IsAvailable)
            Skip = NotInstalled;
    }

    /// <summary>
    /// The XGBoost version the test's pinned values come from; the test is skipped under another version, whose
    /// trees may legitimately differ.
    /// </summary>
    public string? PinnedTo
    {
        get;
        set
        {
            field = value;
            if (Skip is null && value is not null && XgbBooster.Version != value)
                Skip = $"the pinned values come from XGBoost {value}; this machine has {XgbBooster.Version}";
        }
    }
}
