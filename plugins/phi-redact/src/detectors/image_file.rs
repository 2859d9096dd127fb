//! Photographs by their file names: "IMG_20240611_0932.jpg",
//! "face_pic_me.png". A photo a patient sends of themselves is an
//! identifier (a full-face photograph), and its name often holds a date
//! or a name. Found by the image extension, whatever the stem.

use regex::Regex;

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};

pub struct ImageFiles {
    file: Regex,
}

impl ImageFiles {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            file: super::compile(
                r"(?i)\b[a-z0-9][a-z0-9_\-.]{0,60}\.(?:jpe?g|png|heic|heif|gif|bmp|tiff?|webp)\b",
            )?,
        })
    }
}

impl Detector for ImageFiles {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        // One pass over the dots, not one search per extension.
        const EXTENSIONS: [&str; 7] = ["jp", "png", "hei", "gif", "bmp", "tif", "webp"];
        let lower = scan.lower;
        let extension = lower
            .match_indices('.')
            .any(|(i, _)| EXTENSIONS.iter().any(|e| lower[i + 1..].starts_with(e)));
        if !extension {
            return;
        }
        for m in self.file.find_iter(scan.text) {
            super::push_new(out, Kind::Id, m.start(), m.end());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&ImageFiles::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn photo_file_names() {
        for (text, want) in [
            (
                "uploaded the rash pic, IMG_20240611_0932.jpg",
                "IMG_20240611_0932.jpg",
            ),
            (
                "my selfie is face_pic_me.png for the id check",
                "face_pic_me.png",
            ),
            (
                "photo on file pt_photo_88213.JPEG looks off",
                "pt_photo_88213.JPEG",
            ),
        ] {
            assert_eq!(files(text), vec![want], "{text}");
        }
    }

    #[test]
    fn other_dotted_words() {
        for text in [
            "see you at 3.30 pm",
            "the portal is mychart.org",
            "dose is 2.5 mg",
        ] {
            assert!(files(text).is_empty(), "{text}: {:?}", files(text));
        }
    }
}
