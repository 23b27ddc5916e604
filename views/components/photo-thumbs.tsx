// An item's photos as 96 px thumbnails linking to the full image (the resident's and the staff item pages).
export function PhotoThumbs(props: { photos: { url: string; thumbUrl: string; width: number; height: number }[]; alt: (n: number) => string }) {
  if (props.photos.length === 0) return null;
  return (
    <ul class="thumbs">
      {props.photos.map((p, i) => (
        <li>
          <a href={p.url}>
            <img src={p.thumbUrl} alt={props.alt(i + 1)} width={p.width >= p.height ? 96 : Math.round((96 * p.width) / p.height)} height={p.height > p.width ? 96 : Math.round((96 * p.height) / p.width)} />
          </a>
        </li>
      ))}
    </ul>
  );
}
