namespace Rapport.Core.Profiles;

/// <summary>
/// Finds (or creates) the profile an event belongs to, merging profiles when an event proves two
/// ids are one person: an <c>alias</c>, or a message carrying both a user id and an anonymous id
/// that had been seen alone (Segment's "identify after anonymous activity").
/// </summary>
public static class IdentityResolver
{
    public static UserProfile Resolve(IProfileWorkspace workspace, string? userId, string? anonymousId)
    {
        var byUser = userId is null ? null : workspace.FindByUserId(userId);
        var byAnonymous = anonymousId is null ? null : workspace.FindByAnonymousId(anonymousId);

        if (userId is null)
        {
            if (byAnonymous is not null)
            {
                return byAnonymous;
            }
            var anonymous = workspace.Create();
            workspace.AddAnonymousId(anonymous, anonymousId!);
            return anonymous;
        }

        if (byUser is not null)
        {
            if (byAnonymous is null)
            {
                if (anonymousId is not null)
                {
                    workspace.AddAnonymousId(byUser, anonymousId);
                }
            }
            else if (byAnonymous != byUser && byAnonymous.UserId is null)
            {
                workspace.Merge(byAnonymous, byUser);
            }
            // An anonymous id already owned by another known user (a shared device) stays theirs.
            return byUser;
        }

        if (byAnonymous is not null && byAnonymous.UserId is null)
        {
            workspace.SetUserId(byAnonymous, userId);
            return byAnonymous;
        }

        var profile = workspace.Create();
        workspace.SetUserId(profile, userId);
        if (anonymousId is not null && byAnonymous is null)
        {
            workspace.AddAnonymousId(profile, anonymousId);
        }
        return profile;
    }

    /// <summary>
    /// <c>alias</c>: <paramref name="previousId"/> (an anonymous id or an earlier user id) is the
    /// same person as <paramref name="userId"/>.
    /// </summary>
    public static UserProfile Alias(IProfileWorkspace workspace, string previousId, string userId)
    {
        var target = workspace.FindByUserId(userId);
        var source = workspace.FindByUserId(previousId) ?? workspace.FindByAnonymousId(previousId);

        if (target is null)
        {
            if (source is not null && source.UserId is null)
            {
                workspace.SetUserId(source, userId);
                return source;
            }
            target = workspace.Create();
            workspace.SetUserId(target, userId);
        }

        if (source is null)
        {
            workspace.AddAnonymousId(target, previousId);
        }
        else if (source != target)
        {
            workspace.Merge(source, target);
        }
        return target;
    }
}
