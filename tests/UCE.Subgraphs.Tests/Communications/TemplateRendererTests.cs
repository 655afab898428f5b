using UCE.Communications.Data;

namespace UCE.Subgraphs.Tests.Communications;

/// <summary>Placeholders are filled at send time, and a missing value is an error rather than a blank.</summary>
public sealed class TemplateRendererTests
{
    [Fact]
    public void Rendering_fills_every_placeholder_including_repeated_and_spaced_ones()
    {
        var rendered = TemplateRenderer.Render(
            "Hi {{firstName}}, {{ amount }} is due. Thanks, {{firstName}}!",
            new Dictionary<string, string> { ["firstName"] = "Maya", ["amount"] = "$12.00" });

        Assert.Equal("Hi Maya, $12.00 is due. Thanks, Maya!", rendered);
    }

    [Fact]
    public void Rendering_without_a_value_names_every_missing_placeholder()
    {
        var error = Assert.Throws<MissingPlaceholderValuesException>(() => TemplateRenderer.Render(
            "Hi {{firstName}}, {{amount}} is due on {{dueDate}}.",
            new Dictionary<string, string> { ["firstName"] = "Maya" }));

        Assert.Equal(["amount", "dueDate"], error.Missing);
    }

    [Fact]
    public void Text_that_is_not_a_placeholder_is_left_alone()
    {
        Assert.Equal("{ not } {{ 1x }} {{", TemplateRenderer.Render("{ not } {{ 1x }} {{", new Dictionary<string, string>()));
    }

    [Fact]
    public void Every_standard_template_uses_only_supported_channel_and_topic_pairs()
    {
        Assert.All(MessageTemplates.Create(), t => Assert.True(ChannelTopics.IsSupported(t.Channel, t.Topic), t.Id));
    }
}
