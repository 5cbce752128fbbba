using System.Text.Json;
using Rapport.Core.Profiles;

namespace Rapport.Core.Tests.Profiles;

public class AttributeSetTests
{
    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Fact]
    public void Set_NewerValue_Wins()
    {
        var set = new AttributeSet();
        set.Set("plan", Json("\"free\""), AttributeSources.Tracking, 1_000);

        var changed = set.Set("plan", Json("\"pro\""), AttributeSources.Salesforce, 2_000);

        Assert.True(changed);
        Assert.True(set.TryGet("plan", out var plan));
        Assert.Equal("pro", plan.Value.GetString());
        Assert.Equal(AttributeSources.Salesforce, plan.Source);
        Assert.Equal(2_000, plan.UpdatedAtMs);
    }

    [Fact]
    public void Set_OlderValueArrivingLate_IsIgnored()
    {
        var set = new AttributeSet();
        set.Set("plan", Json("\"pro\""), AttributeSources.Tracking, 2_000);

        var changed = set.Set("plan", Json("\"free\""), AttributeSources.Tracking, 1_000);

        Assert.False(changed);
        Assert.Equal("pro", set.GetString("plan"));
    }

    [Fact]
    public void Set_SameTime_LaterWriteInLogOrderWins()
    {
        var set = new AttributeSet();
        set.Set("plan", Json("\"free\""), AttributeSources.Tracking, 1_000);

        set.Set("plan", Json("\"pro\""), AttributeSources.Tracking, 1_000);

        Assert.Equal("pro", set.GetString("plan"));
    }

    [Fact]
    public void Set_NullNewerThanValue_RemovesAttribute()
    {
        var set = new AttributeSet();
        set.Set("phone", Json("\"555\""), AttributeSources.Tracking, 1_000);

        var changed = set.Set("phone", Json("null"), AttributeSources.Tracking, 2_000);

        Assert.True(changed);
        Assert.False(set.TryGet("phone", out _));
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void Set_NullOlderThanValue_KeepsValue()
    {
        var set = new AttributeSet();
        set.Set("phone", Json("\"555\""), AttributeSources.Tracking, 2_000);

        set.Set("phone", Json("null"), AttributeSources.Tracking, 1_000);

        Assert.Equal("555", set.GetString("phone"));
    }

    [Fact]
    public void Set_NullForAbsentAttribute_ChangesNothing()
    {
        var set = new AttributeSet();

        Assert.False(set.Set("phone", Json("null"), AttributeSources.Tracking, 1_000));
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void SetAll_Traits_KeepsEveryJsonKind()
    {
        var set = new AttributeSet();

        set.SetAll(Json("""{"email":"a@b.c","age":41,"vip":true,"address":{"city":"Paris"},"tags":["a","b"]}"""), AttributeSources.Tracking, 5);

        Assert.Equal(5, set.Count);
        Assert.Equal(41, set.Values["age"].Value.GetInt32());
        Assert.True(set.Values["vip"].Value.GetBoolean());
        Assert.Equal("Paris", set.Values["address"].Value.GetProperty("city").GetString());
        Assert.Equal(2, set.Values["tags"].Value.GetArrayLength());
        Assert.Null(set.GetString("age"));
    }

    [Fact]
    public void Merge_PerAttribute_LaterChangeWins()
    {
        var known = new AttributeSet();
        known.Set("email", Json("\"new@b.c\""), AttributeSources.Tracking, 3_000);
        known.Set("plan", Json("\"free\""), AttributeSources.Tracking, 1_000);
        var anonymous = new AttributeSet();
        anonymous.Set("email", Json("\"old@b.c\""), AttributeSources.Tracking, 2_000);
        anonymous.Set("plan", Json("\"pro\""), AttributeSources.Tracking, 2_000);
        anonymous.Set("utm", Json("\"ads\""), AttributeSources.Tracking, 500);

        known.Merge(anonymous);

        Assert.Equal("new@b.c", known.GetString("email"));
        Assert.Equal("pro", known.GetString("plan"));
        Assert.Equal("ads", known.GetString("utm"));
    }
}
