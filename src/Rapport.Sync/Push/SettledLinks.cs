using Rapport.Data.Entities;

namespace Rapport.Sync.Push;

/// <summary>What one pushed batch changes in <c>crm_links</c>: journal updates and rejections on existing links, links of created records.</summary>
internal sealed record SettledLinks(List<CrmLinkEntity> Updated, List<CrmLinkEntity> Created);
