//! The signature's and the seal's PNG images as PDF image objects: 8-bit
//! DeviceRGB with the transparency in an 8-bit DeviceGray `/SMask` (PDF/A-2
//! allows soft masks; Decree 30 asks for transparent images), both Flate
//! compressed.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;

use super::SignError;

/// The largest side taken, in pixels (a 45 mm signature at 600 dpi is
/// 1,063 px): bigger images are refused rather than bloat the PDF.
pub const MAX_SIDE: u32 = 4096;

/// A decoded image: colour samples and alpha, compressed.
#[derive(Clone, Debug)]
pub struct Picture {
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// RGB samples, zlib-compressed.
    pub rgb: Vec<u8>,
    /// Alpha samples, zlib-compressed.
    pub alpha: Vec<u8>,
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Reads a PNG (any colour type and depth) into RGB and alpha planes.
/// `name` is the file named in errors.
pub fn read_png(bytes: &[u8], name: &str) -> Result<Picture, SignError> {
    let bad = |e: String| SignError::Image(format!("{name}: {e}"));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| bad(e.to_string()))?;
    let (width, height) = {
        let info = reader.info();
        (info.width, info.height)
    };
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(bad(crate::tr!(
            "sign.image_size",
            width = width,
            height = height,
            max = MAX_SIDE
        )));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| bad("size".into()))?;
    let mut buffer = vec![0; size];
    let frame = reader
        .next_frame(&mut buffer)
        .map_err(|e| bad(e.to_string()))?;
    let channels = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err(bad("indexed".into())),
    };
    let pixels = (width * height) as usize;
    let mut rgb = Vec::with_capacity(pixels * 3);
    let mut alpha = Vec::with_capacity(pixels);
    for row in buffer[..frame.buffer_size()]
        .chunks(frame.line_size)
        .take(height as usize)
    {
        for px in row[..width as usize * channels].chunks(channels) {
            match channels {
                1 => (rgb.extend_from_slice(&[px[0]; 3]), alpha.push(255)),
                2 => (rgb.extend_from_slice(&[px[0]; 3]), alpha.push(px[1])),
                3 => (rgb.extend_from_slice(px), alpha.push(255)),
                _ => (rgb.extend_from_slice(&px[..3]), alpha.push(px[3])),
            };
        }
    }
    Ok(Picture {
        width,
        height,
        rgb: deflate(&rgb),
        alpha: deflate(&alpha),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, colour: png::ColorType, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(colour);
        encoder.set_depth(png::BitDepth::Eight);
        encoder
            .write_header()
            .unwrap()
            .write_image_data(data)
            .unwrap();
        out
    }

    fn inflate(data: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn rgba_splits_into_colour_and_alpha() {
        let bytes = png(2, 1, png::ColorType::Rgba, &[0, 0, 255, 10, 255, 0, 0, 200]);
        let picture = read_png(&bytes, "x.png").unwrap();
        assert_eq!((picture.width, picture.height), (2, 1));
        assert_eq!(inflate(&picture.rgb), vec![0, 0, 255, 255, 0, 0]);
        assert_eq!(inflate(&picture.alpha), vec![10, 200]);
    }

    #[test]
    fn grey_is_opaque_grey() {
        let bytes = png(1, 2, png::ColorType::Grayscale, &[7, 9]);
        let picture = read_png(&bytes, "x.png").unwrap();
        assert_eq!(inflate(&picture.rgb), vec![7, 7, 7, 9, 9, 9]);
        assert_eq!(inflate(&picture.alpha), vec![255, 255]);
    }

    #[test]
    fn not_a_png_is_an_error_naming_the_file() {
        let error = read_png(b"GIF89a", "chu-ky.png").unwrap_err();
        assert!(error.to_string().contains("chu-ky.png"), "{error}");
    }
}
