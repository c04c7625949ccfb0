//! Die Roadmap der Umsetzungsprojekte: Tabelle, Zeitachse, Präsentation, ein Projekt, neues Projekt.
pub mod gantt;
pub mod live;
pub mod neu;
pub mod praesentation;
pub mod projekt;
pub mod tabelle;
pub mod zeitachse;
