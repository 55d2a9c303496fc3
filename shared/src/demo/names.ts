/** Name lists by nationality, for generated subjects. None is a real person's record. */
export const NAMES: Record<string, { male: string[]; female: string[]; family: string[] }> = {
  Polish: {
    male: ['Tomasz', 'Piotr', 'Krzysztof', 'Andrzej', 'Pawel', 'Marcin', 'Michal', 'Grzegorz'],
    female: ['Anna', 'Katarzyna', 'Magdalena', 'Agnieszka', 'Joanna', 'Ewa'],
    family: ['Nowak', 'Wisniewski', 'Wojcik', 'Kaminski', 'Lewandowski', 'Zielinski', 'Szymanski', 'Dabrowski'],
  },
  Romanian: {
    male: ['Andrei', 'Ionut', 'Mihai', 'Florin', 'Constantin', 'Gabriel'],
    female: ['Ana', 'Elena', 'Ioana', 'Maria', 'Andreea', 'Cristina'],
    family: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe'],
  },
  British: {
    male: ['James', 'Daniel', 'Liam', 'Connor', 'Jack', 'Ryan', 'Lee'],
    female: ['Sophie', 'Chloe', 'Emma', 'Jade', 'Amy', 'Hannah'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Walker', 'Wright', 'Hughes'],
  },
  Vietnamese: {
    male: ['Minh', 'Duc', 'Tuan', 'Hoang', 'Long', 'Quang'],
    female: ['Linh', 'Trang', 'Huong', 'Thao', 'Mai'],
    family: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu'],
  },
  Albanian: {
    male: ['Arben', 'Besnik', 'Dritan', 'Ermal', 'Gentian'],
    female: ['Arta', 'Blerta', 'Elira', 'Mirela'],
    family: ['Hoxha', 'Shehu', 'Gashi', 'Krasniqi', 'Berisha'],
  },
  Slovak: {
    male: ['Jan', 'Martin', 'Peter', 'Lukas', 'Marek'],
    female: ['Lucia', 'Zuzana', 'Jana', 'Martina'],
    family: ['Horvath', 'Kovac', 'Varga', 'Toth', 'Balaz'],
  },
  Eritrean: {
    male: ['Yonas', 'Dawit', 'Samuel', 'Tesfay', 'Biniam'],
    female: ['Helen', 'Senait', 'Ruta', 'Saba'],
    family: ['Tesfamariam', 'Gebremedhin', 'Kidane', 'Haile', 'Berhane'],
  },
  Sudanese: {
    male: ['Mohamed', 'Ahmed', 'Osman', 'Ibrahim', 'Khalid'],
    female: ['Fatima', 'Amna', 'Hawa', 'Mariam'],
    family: ['Abdalla', 'Hassan', 'Elamin', 'Osman', 'Yousif'],
  },
};

export const STREETS = [
  'Soho Road',
  'Dudley Road',
  'Coventry Road',
  'Stratford Road',
  'Ladypool Road',
  'Alum Rock Road',
  'Lozells Road',
  'Bordesley Green',
  'Hagley Road',
  'Washwood Heath Road',
  'Pershore Road',
  'Bristol Road',
];
