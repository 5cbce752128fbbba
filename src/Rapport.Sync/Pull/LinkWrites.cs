using Rapport.Data.Entities;

namespace Rapport.Sync.Pull;

/// <summary>
/// The links one pull page creates and changes, written together when the page is done. Links are
/// read untracked, so this is what EF Core's change tracker used to know: which rows are new, which
/// changed, and which instance stands for a record already touched in this page.
/// </summary>
internal sealed class LinkWrites
{
    private readonly Dictionary<(string ObjectType, string RecordId), CrmLinkEntity> _known = [];
    private readonly HashSet<CrmLinkEntity> _inserted = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<CrmLinkEntity> _updated = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<CrmLinkEntity> _rekeyed = new(ReferenceEqualityComparer.Instance);

    /// <summary>New links, to insert.</summary>
    public IReadOnlyCollection<CrmLinkEntity> Inserted => _inserted;

    /// <summary>Existing links that changed, to update.</summary>
    public IReadOnlyCollection<CrmLinkEntity> Updated => _updated;

    /// <summary>Those of <see cref="Updated"/> that point to a different profile now.</summary>
    public IReadOnlySet<CrmLinkEntity> Rekeyed => _rekeyed;

    public void Insert(CrmLinkEntity link)
    {
        _inserted.Add(link);
        Remember(link);
    }

    /// <summary>Marks an existing link changed; a link inserted by this page is written whole anyway.</summary>
    public void Update(CrmLinkEntity link)
    {
        if (!_inserted.Contains(link))
        {
            _updated.Add(link);
        }
        Remember(link);
    }

    /// <summary>Marks an existing link moved to another profile (its <see cref="CrmLinkEntity.ProfileKey"/> is written too).</summary>
    public void Rekey(CrmLinkEntity link)
    {
        Update(link);
        if (!_inserted.Contains(link))
        {
            _rekeyed.Add(link);
        }
    }

    /// <summary>Makes a link read outside the page's own ones findable by its record.</summary>
    public void Remember(CrmLinkEntity link) => _known[(link.ObjectType, link.RecordId)] = link;

    /// <summary>The instance this page holds for a record, or null when the page has not touched it.</summary>
    public CrmLinkEntity? Find(string objectType, string recordId) => _known.GetValueOrDefault((objectType, recordId));
}
