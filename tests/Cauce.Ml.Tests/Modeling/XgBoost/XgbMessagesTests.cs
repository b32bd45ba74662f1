using Cauce.Ml.Modeling.XgBoost;

namespace Cauce.Ml.Tests.Modeling.XgBoost;

public sealed class XgbMessagesTests
{
    [Fact]
    public void The_time_and_source_prefix_and_the_stack_trace_are_dropped() =>
        Assert.Equal(
            "Invalid Parameter format for max_depth expect int but value='deep'",
            XgbMessages.Clean("[09:41:59] ../dmlc-core/include/dmlc/parameter.h:749: Invalid Parameter format for max_depth expect int but value='deep'\n\nStack trace:\n  [bt] (0) /lib/libxgboost.so.0(+0x1) [0x1]\n"));

    [Fact]
    public void A_warning_loses_its_prefix() =>
        Assert.Equal(
            "Parameters: { \"max_dept\" } are not used.",
            XgbMessages.Clean("[09:41:33] WARNING: ./src/learner.cc:767: \nParameters: { \"max_dept\" } are not used.\n\n"));

    [Fact]
    public void Repeated_labelled_lines_become_one_list() =>
        Assert.Equal(
            "Unknown objective function: `nonsense`; Objective candidate: survival:aft, binary:hinge",
            XgbMessages.Clean("[09:41:59] ./src/objective/objective.cc:26: Unknown objective function: `nonsense`\nObjective candidate: survival:aft\nObjective candidate: binary:hinge\n"));

    [Fact]
    public void A_message_without_a_prefix_is_kept() =>
        Assert.Equal("Invalid cast, from Null to Object", XgbMessages.Clean("Invalid cast, from Null to Object"));
}
