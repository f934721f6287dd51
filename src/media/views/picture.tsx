import type { StoredImage } from "../image.js";

const url = (img: StoredImage, w: number, fmt: string) => `/media/${img.key}/${w}.${fmt}`;
const srcset = (img: StoredImage, fmt: string) => img.widths.map((w) => `${url(img, w, fmt)} ${w}w`).join(", ");

/**
 * A responsive picture: AVIF, then WebP, then JPEG. An empty alt marks a decorative image,
 * which screen readers skip.
 */
export function Picture(props: { image: StoredImage; alt: string; sizes: string; eager?: boolean; class?: string }) {
  const { image } = props;
  const fallbackWidth = image.widths.find((w) => w >= 960) ?? image.widths[image.widths.length - 1] ?? image.width;
  const ratio = image.height / image.width;
  return (
    <picture class={props.class}>
      <source type="image/avif" srcset={srcset(image, "avif")} sizes={props.sizes} />
      <source type="image/webp" srcset={srcset(image, "webp")} sizes={props.sizes} />
      <img
        src={url(image, fallbackWidth, "jpeg")}
        srcset={srcset(image, "jpeg")}
        sizes={props.sizes}
        alt={props.alt}
        width={fallbackWidth}
        height={Math.round(fallbackWidth * ratio)}
        loading={props.eager ? "eager" : "lazy"}
        decoding="async"
      />
    </picture>
  );
}

export function imageUrl(image: StoredImage, width = 960): string {
  const w = image.widths.find((x) => x >= width) ?? image.widths[image.widths.length - 1] ?? width;
  return url(image, w, "jpeg");
}
