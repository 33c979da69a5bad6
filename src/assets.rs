//! Templates and static files built into the binary, so a copy of it serves every page from any
//! folder (the Fluent texts are built in by `i18n`).
//!
//! In the repository, `templates/` and `static/` are read from disk as before, so a debug build
//! still reloads an edited template. A binary started where they are missing uses its built-in
//! copies: static files straight from memory, templates written once into a private temporary
//! folder (`rocket_dyn_templates` loads templates from a folder), removed when the server stops.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use rocket::figment::value::magic::RelativePathBuf;
use rocket::figment::Figment;
use rocket::fs::FileServer;
use rocket::http::ContentType;

static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static STATIC_FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

/// The static files' folder, relative to the working folder.
const STATIC_DIR: &str = "static";

/// Holds the private copy of the built-in templates, when one was written, for as long as the
/// server runs.
pub struct BuiltInTemplates {
    _copy: Option<tempfile::TempDir>,
}

/// `figment`, pointed at the built-in templates when its `template_dir` does not exist.
pub fn templates(figment: Figment) -> (Figment, BuiltInTemplates) {
    let configured = figment
        .extract_inner::<RelativePathBuf>("template_dir")
        .map_or_else(|_| PathBuf::from("templates"), |dir| dir.relative());
    if configured.is_dir() {
        return (figment, BuiltInTemplates { _copy: None });
    }
    match write_templates() {
        Ok(copy) => {
            let figment = figment.merge(("template_dir", copy.path().to_path_buf()));
            (figment, BuiltInTemplates { _copy: Some(copy) })
        }
        Err(e) => {
            rocket::error!(
                "no {} and the built-in templates could not be written: {e}",
                configured.display()
            );
            (figment, BuiltInTemplates { _copy: None })
        }
    }
}

/// Writes the built-in templates into a new folder that only this user can read (`0700`).
fn write_templates() -> std::io::Result<tempfile::TempDir> {
    let copy = tempfile::Builder::new().prefix("session-lab-templates-").tempdir()?;
    write_dir(&TEMPLATES, copy.path())?;
    Ok(copy)
}

fn write_dir(dir: &Dir<'_>, into: &Path) -> std::io::Result<()> {
    for file in dir.files() {
        let path = into.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, file.contents())?;
    }
    for sub in dir.dirs() {
        write_dir(sub, into)?;
    }
    Ok(())
}

/// `/static/...`: the folder when the server runs in the repository, the built-in copy otherwise.
pub fn static_files() -> Vec<rocket::Route> {
    if Path::new(STATIC_DIR).is_dir() {
        FileServer::from(STATIC_DIR).into()
    } else {
        routes![built_in_static]
    }
}

#[get("/<path..>")]
fn built_in_static(path: PathBuf) -> Option<(ContentType, &'static [u8])> {
    let file = STATIC_FILES.get_file(&path)?;
    let extension = path.extension()?.to_str()?;
    Some((ContentType::from_extension(extension)?, file.contents()))
}
